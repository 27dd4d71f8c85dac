using System.Collections.ObjectModel;

namespace BulkResume.Engine.Model;

/// <summary>Shared empty instances so that entries without headers, labels or steps allocate nothing.</summary>
internal static class EmptyCollections
{
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Headers { get; } =
        ReadOnlyDictionary<string, IReadOnlyList<string>>.Empty;

    public static IReadOnlyList<string> Strings { get; } = [];

    public static IReadOnlyList<WorkflowStep> Steps { get; } = [];

    /// <summary>Returns a read-only copy of <paramref name="values"/>, or the shared empty list when it has none.</summary>
    public static IReadOnlyList<T> Freeze<T>(IEnumerable<T>? values, IReadOnlyList<T> empty)
    {
        if (values is null)
        {
            return empty;
        }

        T[] copy = values.ToArray();
        return copy.Length == 0 ? empty : copy;
    }

    /// <summary>Returns a read-only copy of a header map, or the shared empty map when it has none.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Freeze(IReadOnlyDictionary<string, IReadOnlyList<string>>? headers)
    {
        if (headers is null || headers.Count == 0)
        {
            return Headers;
        }

        var copy = new Dictionary<string, IReadOnlyList<string>>(headers.Count, StringComparer.OrdinalIgnoreCase);
        foreach (KeyValuePair<string, IReadOnlyList<string>> header in headers)
        {
            copy[header.Key] = header.Value.ToArray();
        }

        return new ReadOnlyDictionary<string, IReadOnlyList<string>>(copy);
    }
}
