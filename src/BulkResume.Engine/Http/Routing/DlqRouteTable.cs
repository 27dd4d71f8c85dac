using BulkResume.Engine.Http.Parsing;

namespace BulkResume.Engine.Http.Routing;

/// <summary>The API's routes.</summary>
/// <remarks>Endpoints register here; the first route whose method and template fit wins.</remarks>
internal sealed class DlqRouteTable
{
    private static readonly Dictionary<string, string> NoValues = new(StringComparer.Ordinal);
    private readonly List<DlqRoute> _routes = [];

    public DlqRouteTable Map(string method, string template, AllowedParameters parameters, DlqRouteHandler handler)
    {
        _routes.Add(new DlqRoute(method, template, parameters, handler));
        return this;
    }

    /// <summary>The route for this method and path.</summary>
    /// <remarks>
    /// Among the templates that fit the path only the most specific (most literal segments) count, so that
    /// <c>/v2/workflows/dlq/resume</c> is never read as <c>/v2/workflows/dlq/{dlqId}</c>.
    /// </remarks>
    public DlqRouteMatch Find(string method, string path)
    {
        string[] segments = Split(path).Select(Uri.UnescapeDataString).ToArray();
        var fitting = new List<(DlqRoute Route, Dictionary<string, string> Values)>();
        foreach (DlqRoute route in _routes)
        {
            if (route.Match(segments) is { } values)
            {
                fitting.Add((route, values));
            }
        }

        if (fitting.Count == 0)
        {
            return new DlqRouteMatch(null, NoValues, []);
        }

        int specificity = fitting.Max(candidate => candidate.Route.LiteralSegments);
        var allowed = new List<string>();
        foreach ((DlqRoute route, Dictionary<string, string> values) in fitting.Where(candidate => candidate.Route.LiteralSegments == specificity))
        {
            // A server that answers GET answers HEAD (RFC 9110 9.3.2): the same answer, whose body the transport leaves out.
            if (string.Equals(route.Method, method, StringComparison.Ordinal) || (method == "HEAD" && route.Method == "GET"))
            {
                return new DlqRouteMatch(route, values, []);
            }

            foreach (string allows in route.Method == "GET" ? ["GET", "HEAD"] : new[] { route.Method })
            {
                if (!allowed.Contains(allows))
                {
                    allowed.Add(allows);
                }
            }
        }

        return new DlqRouteMatch(null, NoValues, allowed);
    }

    /// <summary>The non-empty segments of a path, so that a trailing slash does not matter.</summary>
    /// <remarks>
    /// A request's path arrives still percent-encoded and <see cref="Find"/> decodes each segment after splitting, so
    /// an id containing <c>/</c> (sent as <c>%2F</c>) stays one segment.
    /// </remarks>
    public static string[] Split(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>A method and a path template (segments, <c>{name}</c> capturing one), the query parameters it takes, and what answers them.</summary>
internal sealed class DlqRoute
{
    private readonly string[] _segments;

    public DlqRoute(string method, string template, AllowedParameters parameters, DlqRouteHandler handler)
    {
        Method = method;
        Template = template;
        _segments = DlqRouteTable.Split(template);
        Parameters = parameters;
        Handler = handler;
        LiteralSegments = _segments.Count(segment => !IsCapture(segment));
    }

    public string Method { get; }

    public string Template { get; }

    /// <summary>The query parameters the route takes; <see cref="DlqHttpApi"/> refuses any other before the handler runs.</summary>
    public AllowedParameters Parameters { get; }

    public DlqRouteHandler Handler { get; }

    /// <summary>How many segments of the template are literal; the more, the more specific the route.</summary>
    public int LiteralSegments { get; }

    /// <summary>The captured segments when <paramref name="segments"/> fit the template, otherwise <see langword="null"/>.</summary>
    /// <remarks>A last segment <c>{*name}</c> captures the rest of the path, one segment or more (joined by <c>/</c>).</remarks>
    public Dictionary<string, string>? Match(string[] segments)
    {
        bool rest = _segments.Length > 0 && _segments[^1].StartsWith("{*", StringComparison.Ordinal);
        int fixedSegments = rest ? _segments.Length - 1 : _segments.Length;
        if (rest ? segments.Length <= fixedSegments : segments.Length != fixedSegments)
        {
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < fixedSegments; i++)
        {
            string expected = _segments[i];
            if (IsCapture(expected))
            {
                values[expected[1..^1]] = segments[i];
            }
            else if (!string.Equals(expected, segments[i], StringComparison.Ordinal))
            {
                return null;
            }
        }

        if (rest)
        {
            values[_segments[^1][2..^1]] = string.Join('/', segments[fixedSegments..]);
        }

        return values;
    }

    private static bool IsCapture(string segment) => segment.StartsWith('{') && segment.EndsWith('}');
}

/// <summary>
/// What <see cref="DlqRouteTable.Find"/> found: the route and its values, or no route and the methods the path does
/// allow (none when the path is unknown).
/// </summary>
internal sealed record DlqRouteMatch(
    DlqRoute? Route, IReadOnlyDictionary<string, string> RouteValues, IReadOnlyList<string> AllowedMethods);

/// <summary>Answers a request that matched a route; <paramref name="routeValues"/> holds the template's <c>{name}</c> segments.</summary>
internal delegate ValueTask<DlqApiResponse> DlqRouteHandler(
    DlqApiRequest request, IReadOnlyDictionary<string, string> routeValues, CancellationToken cancellationToken);
