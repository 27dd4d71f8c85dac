using System.Collections;
using System.Collections.ObjectModel;

namespace BulkResume.Engine.Model;

/// <summary>The frozen collections the model's records hold.</summary>
/// <remarks>
/// They compare by content, so two records with equal fields are equal even when one was read back from storage (record
/// equality compares collection members with their own Equals).
/// </remarks>
internal static class EmptyCollections
{
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Headers { get; } =
        ReadOnlyDictionary<string, IReadOnlyList<string>>.Empty;

    public static IReadOnlyList<string> Strings { get; } = [];

    public static IReadOnlyList<StepRecord> Steps { get; } = [];

    /// <summary>How many distinct header maps are shared; past it, maps are frozen per entry (a DLQ of unusual headers stays bounded).</summary>
    private const int MaxSharedHeaderMaps = 1024;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> SharedHeaders = new(StringComparer.Ordinal);

    public static IReadOnlyList<T> Freeze<T>(IEnumerable<T>? values, IReadOnlyList<T> empty)
    {
        if (values is null)
        {
            return empty;
        }

        // Already frozen (a run made from an entry takes the entry's steps): share it instead of copying.
        if (values is ValueList<T> frozen)
        {
            return frozen;
        }

        T[] copy = values.ToArray();
        return copy.Length == 0 ? empty : new ValueList<T>(copy);
    }

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Freeze(IReadOnlyDictionary<string, IReadOnlyList<string>>? headers)
    {
        if (headers is null || headers.Count == 0)
        {
            return Headers;
        }

        // Most entries of a DLQ carry the same few header maps (Content-Type: application/json): one frozen copy
        // serves them all, which saves a dictionary per entry (about 250 bytes at a million entries).
        string key = SharingKey(headers);
        if (SharedHeaders.TryGetValue(key, out IReadOnlyDictionary<string, IReadOnlyList<string>>? shared))
        {
            return shared;
        }

        var copy = new Dictionary<string, IReadOnlyList<string>>(headers.Count, StringComparer.OrdinalIgnoreCase);
        foreach (KeyValuePair<string, IReadOnlyList<string>> header in headers)
        {
            copy[header.Key] = new ValueList<string>(header.Value.ToArray());
        }

        var frozen = new ValueDictionary(copy);
        return SharedHeaders.Count < MaxSharedHeaderMaps ? SharedHeaders.GetOrAdd(key, frozen) : frozen;
    }

    /// <summary>A string equal for header maps with the same names (exact case, any order) and values.</summary>
    private static string SharingKey(IReadOnlyDictionary<string, IReadOnlyList<string>> headers)
    {
        // The usual map, one header with one value (Content-Type), without an array, a sort or a builder.
        if (headers.Count == 1)
        {
            foreach (KeyValuePair<string, IReadOnlyList<string>> only in headers)
            {
                if (only.Value.Count == 1)
                {
                    return string.Concat(only.Key, "\u0001", only.Value[0], "\u0002\u0003");
                }
            }
        }

        // Names in ordinal order without LINQ: a stored entry's map is read back for every entry a page takes.
        string[] names = new string[headers.Count];
        int count = 0;
        foreach (KeyValuePair<string, IReadOnlyList<string>> header in headers)
        {
            names[count++] = header.Key;
        }

        Array.Sort(names, StringComparer.Ordinal);
        var key = new System.Text.StringBuilder();
        foreach (string name in names)
        {
            key.Append(name).Append('\u0001');
            foreach (string value in headers[name])
            {
                key.Append(value).Append('\u0002');
            }

            key.Append('\u0003');
        }

        return key.ToString();
    }
}
