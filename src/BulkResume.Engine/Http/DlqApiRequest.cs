using BulkResume.Engine.Http.Parsing;

namespace BulkResume.Engine.Http;

/// <summary>A request to the DLQ API, free of any transport: what <see cref="DlqHttpApi"/> answers.</summary>
public sealed class DlqApiRequest
{
    private static readonly IReadOnlyList<string> NoValues = [];

    /// <summary>Creates a request.</summary>
    /// <param name="method">The HTTP method, like <c>POST</c>.</param>
    /// <param name="path">The path as sent, still percent-encoded, like <c>/v2/workflows/dlq/1752829295505-0%2Feu</c>; routing decodes each segment after splitting it.</param>
    /// <param name="query">The decoded query parameters; a key may have several values. Names are case-sensitive.</param>
    /// <param name="headers">The headers; names are case-insensitive and values of repeated names are merged.</param>
    public DlqApiRequest(
        string method,
        string path,
        IEnumerable<KeyValuePair<string, IReadOnlyList<string>>>? query = null,
        IEnumerable<KeyValuePair<string, IReadOnlyList<string>>>? headers = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Method = method.ToUpperInvariant();
        Path = path;
        Query = Merge(query, StringComparer.Ordinal);
        Headers = Merge(headers, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Creates a request from its target as sent: the path and the query, still percent-encoded, like
    /// <c>/v2/workflows/dlq?label=eu</c>.
    /// </summary>
    /// <param name="method">The HTTP method, like <c>GET</c>.</param>
    /// <param name="target">The path and query (origin form).</param>
    /// <param name="headers">The headers; names are case-insensitive and values of repeated names are merged.</param>
    /// <param name="body">The request's body as sent; empty when it has none.</param>
    /// <returns>The request.</returns>
    /// <remarks>
    /// A query whose bytes are not UTF-8 once decoded is answered 400 naming the parameter, never read as replacement
    /// characters.
    /// </remarks>
    public static DlqApiRequest FromTarget(
        string method,
        string target,
        IEnumerable<KeyValuePair<string, IReadOnlyList<string>>>? headers = null,
        ReadOnlyMemory<byte> body = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        int queryStart = target.IndexOf('?', StringComparison.Ordinal);
        var query = Parsing.QueryStringParser.Parse(queryStart < 0 ? null : target[(queryStart + 1)..], out DlqEngineException? problem);
        string path = queryStart < 0 ? target : target[..queryStart];
        return new DlqApiRequest(method, path.Length == 0 ? "/" : path, query, headers) { QueryProblem = problem, Body = body };
    }

    /// <summary>The HTTP method, upper case.</summary>
    public string Method { get; }

    /// <summary>The path as sent, still percent-encoded (each segment is decoded by routing, so an id may contain <c>/</c>).</summary>
    public string Path { get; }

    /// <summary>The decoded query parameters (case-sensitive names, every value of a repeated key).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Query { get; }

    /// <summary>The headers (case-insensitive names).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Headers { get; }

    /// <summary>The request's body as sent (the id lists of the <c>/multi</c> endpoints); empty when it has none.</summary>
    public ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>Why the query could not be read (<see cref="FromTarget"/>), answered before anything else reads it.</summary>
    internal DlqEngineException? QueryProblem { get; private init; }

    /// <summary>Every value of a header, or none.</summary>
    /// <param name="name">The header's name, in any case.</param>
    /// <returns>The values.</returns>
    internal IReadOnlyList<string> HeaderValues(string name) => Headers.GetValueOrDefault(name, NoValues);

    private static Dictionary<string, IReadOnlyList<string>> Merge(
        IEnumerable<KeyValuePair<string, IReadOnlyList<string>>>? pairs, StringComparer comparer)
    {
        var merged = new Dictionary<string, List<string>>(comparer);
        foreach ((string name, IReadOnlyList<string> values) in pairs ?? [])
        {
            if (!merged.TryGetValue(name, out List<string>? list))
            {
                list = [];
                merged.Add(name, list);
            }

            list.AddRange(values);
        }

        return merged.ToDictionary(pair => pair.Key, pair => (IReadOnlyList<string>)pair.Value.ToArray(), comparer);
    }
}
