namespace BulkResume.Engine.Http.Routing;

/// <summary>The API's routes. Endpoints register here; the first route whose method and template fit wins.</summary>
internal sealed class DlqRouteTable
{
    private static readonly Dictionary<string, string> NoValues = new(StringComparer.Ordinal);
    private readonly List<DlqRoute> _routes = [];

    public DlqRouteTable Map(string method, string template, DlqRouteHandler handler)
    {
        _routes.Add(new DlqRoute(method, template, handler));
        return this;
    }

    public DlqRouteMatch Find(string method, string path)
    {
        string[] segments = Split(path);
        var allowed = new List<string>();
        foreach (DlqRoute route in _routes)
        {
            if (route.Match(segments) is not { } values)
            {
                continue;
            }

            if (string.Equals(route.Method, method, StringComparison.Ordinal))
            {
                return new DlqRouteMatch(route, values, []);
            }

            if (!allowed.Contains(route.Method))
            {
                allowed.Add(route.Method);
            }
        }

        return new DlqRouteMatch(null, NoValues, allowed);
    }

    /// <summary>The non-empty segments of a path, so that a trailing slash does not matter.</summary>
    public static string[] Split(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);
}
