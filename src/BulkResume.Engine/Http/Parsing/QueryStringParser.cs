namespace BulkResume.Engine.Http.Parsing;

/// <summary>Parses a raw query string (<c>?a=1&amp;a=2&amp;b=x%20y</c>) into decoded names and values, keeping repeated keys.</summary>
internal static class QueryStringParser
{
    public static List<KeyValuePair<string, IReadOnlyList<string>>> Parse(string? queryString)
    {
        var pairs = new List<KeyValuePair<string, IReadOnlyList<string>>>();
        foreach (string part in (queryString ?? string.Empty).TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = part.IndexOf('=', StringComparison.Ordinal);
            string name = Decode(equals < 0 ? part : part[..equals]);
            string value = equals < 0 ? string.Empty : Decode(part[(equals + 1)..]);
            pairs.Add(new KeyValuePair<string, IReadOnlyList<string>>(name, [value]));
        }

        return pairs;
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
