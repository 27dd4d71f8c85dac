using BulkResume.Engine.Http.Parsing;

namespace BulkResume.Engine.Http.Routing;

/// <summary>The API's routes. Endpoints register here; the first route whose method and template fit wins.</summary>
internal sealed class DlqRouteTable
{
    private static readonly Dictionary<string, string> NoValues = new(StringComparer.Ordinal);
    private readonly List<DlqRoute> _routes = [];

    public DlqRouteTable Map(string method, string template, AllowedParameters parameters, DlqRouteHandler handler)
    {
        _routes.Add(new DlqRoute(method, template, parameters, handler));
        return this;
    }

    /// <summary>
    /// The route for this method and path. Among the templates that fit the path only the most specific (most literal
    /// segments) count, so that <c>/v2/workflows/dlq/resume</c> is never read as <c>/v2/workflows/dlq/{dlqId}</c>.
    /// </summary>
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

    /// <summary>
    /// The non-empty segments of a path, so that a trailing slash does not matter. A request's path arrives still
    /// percent-encoded and <see cref="Find"/> decodes each segment after splitting, so an id containing <c>/</c>
    /// (sent as <c>%2F</c>) stays one segment.
    /// </summary>
    public static string[] Split(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);
}
