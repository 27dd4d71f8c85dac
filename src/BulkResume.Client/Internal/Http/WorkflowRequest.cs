using System.Text;

namespace BulkResume.Internal.Http;

/// <summary>One request to the service: method, path, query, headers and body, before authentication.</summary>
internal sealed class WorkflowRequest
{
    private readonly string? _route;

    public WorkflowRequest(HttpMethod method, string path)
    {
        Method = method;
        Path = path;
    }

    public HttpMethod Method { get; }

    /// <summary>The path with ids left as placeholders (<c>/v2/workflows/dlq/{dlqId}</c>): a low-cardinality metric tag.</summary>
    public string Route
    {
        get => _route ?? Path;
        init => _route = value;
    }

    /// <summary>The path below the base URL, starting with a slash; used in error messages (never with the query).</summary>
    public string Path { get; }

    public QueryString Query { get; } = new();

    public List<KeyValuePair<string, string>> Headers { get; } = [];

    /// <summary>The request's body, serialized once so that every attempt sends the same bytes; null for none.</summary>
    public ReadOnlyMemory<byte>? Body { get; init; }

    /// <summary>The body's <c>Content-Type</c>, for a caller's payload; null for JSON in UTF-8, the client's own bodies.</summary>
    public string? BodyContentType { get; init; }

    /// <summary>
    /// Whether an attempt that may have been applied (a timeout, a dropped connection, a 5xx) is retried: false for a
    /// request whose repeat could act twice, which then ends with that attempt in doubt.
    /// </summary>
    /// <value>True by default: the service settles a repeat of every other request.</value>
    public bool RetryWhenInDoubt { get; init; } = true;

    /// <summary>
    /// The part of a concurrent drain this request pages (a failure-time range or a range of the id list), for the
    /// <c>bulkresume.part</c> tag of its spans; null outside a concurrent drain.
    /// </summary>
    public string? Part { get; set; }

    /// <summary>
    /// A status outside 2xx that this request's service answers on success: 302 for canceling a failure callback, which
    /// the service answers without a body or a Location (nothing to follow).
    /// </summary>
    /// <remarks>Null when only 2xx is success.</remarks>
    public System.Net.HttpStatusCode? AlsoSuccess { get; init; }

    /// <summary>Whether the request changes something, so that an attempt lost after sending may have been applied.</summary>
    public bool ChangesState => Method != HttpMethod.Get;

    /// <summary>Whether an answer with this status means the request succeeded.</summary>
    public bool IsSuccess(HttpResponseMessage response) => response.IsSuccessStatusCode || response.StatusCode == AlsoSuccess;
}

/// <summary>Builds a query string with repeated keys (<c>?k=a&amp;k=b</c>) and percent-encoded values.</summary>
internal sealed class QueryString
{
    private readonly List<KeyValuePair<string, string>> _parameters = [];

    public QueryString Add(string name, string value)
    {
        _parameters.Add(new(name, value));
        return this;
    }

    public QueryString Add(string name, long value) =>
        Add(name, value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public QueryString AddEach(string name, IEnumerable<string> values)
    {
        foreach (var value in values)
        {
            Add(name, value);
        }

        return this;
    }

    /// <summary>The parameters as a person reads them, for a filter's <c>ToString</c>: <c>label=eu, label=us</c>, unescaped.</summary>
    public string Describe() => string.Join(", ", _parameters.Select(parameter => parameter.Key + "=" + parameter.Value));

    /// <summary>What a filter's <c>ToString</c> says: the parameters <paramref name="append"/> adds, as <see cref="Describe()"/> reads them, or <paramref name="whenEmpty"/>.</summary>
    /// <param name="append">Adds the filter's parameters.</param>
    /// <param name="whenEmpty">What to say when it adds none: <c>all</c> or <c>(empty)</c>.</param>
    public static string Describe(Action<QueryString> append, string whenEmpty)
    {
        var query = new QueryString();
        append(query);
        var text = query.Describe();
        return text.Length > 0 ? text : whenEmpty;
    }

    /// <summary>The query to append to a path: <c>?k=a&amp;k=b</c> with escaped values, or empty.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder();
        foreach (var (name, value) in _parameters)
        {
            builder.Append(builder.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }

        return builder.ToString();
    }
}
