using System.Text.Json;

namespace BulkResume.Internal.Wire;

/// <summary>Conversions shared by the wire types' mappings: Unix-millisecond times, header maps, labels, text.</summary>
internal static class WireValues
{
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoHeaders =
        new Dictionary<string, IReadOnlyList<string>>(0, StringComparer.OrdinalIgnoreCase);

    public static DateTimeOffset Time(long unixMilliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds);

    /// <summary>A time that may be unset: absent or 0 on the wire reads as null.</summary>
    public static DateTimeOffset? OptionalTime(long? unixMilliseconds) =>
        unixMilliseconds is { } ms and > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    /// <summary>
    /// A value the reference types as a string (a body, an output): a JSON string is its text; any other JSON value (a
    /// service that sends an object) is kept as its JSON text rather than failing the whole answer; null or absent is null.
    /// </summary>
    public static string? Text(JsonElement? value) => value switch
    {
        null or { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
        { ValueKind: JsonValueKind.String } text => text.GetString(),
        { } other => other.GetRawText(),
    };

    /// <summary>A header map with case-insensitive names; names that differ only in case have their values joined.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Headers(IReadOnlyDictionary<string, IReadOnlyList<string>>? wire)
    {
        if (wire is null || wire.Count == 0)
        {
            return NoHeaders;
        }

        var headers = new Dictionary<string, IReadOnlyList<string>>(wire.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in wire)
        {
            var list = values ?? [];
            headers[name] = headers.TryGetValue(name, out var earlier) ? [.. earlier, .. list] : list;
        }

        return headers;
    }

    /// <summary>The labels of <c>label</c> and <c>labels</c>, in that order, each once.</summary>
    public static IReadOnlyList<string> Labels(string? label, IEnumerable<string>? labels)
    {
        var merged = new List<string>();
        AddOnce(label);
        foreach (var value in labels ?? [])
        {
            AddOnce(value);
        }

        return merged;

        void AddOnce(string? value)
        {
            if (!string.IsNullOrEmpty(value) && !merged.Contains(value, StringComparer.Ordinal))
            {
                merged.Add(value);
            }
        }
    }
}
