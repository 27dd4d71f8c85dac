using BulkResume.Engine.Http.Parsing;

namespace BulkResume.Engine.Http.Routing;

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
    public Dictionary<string, string>? Match(string[] segments)
    {
        if (segments.Length != _segments.Length)
        {
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < segments.Length; i++)
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

        return values;
    }

    private static bool IsCapture(string segment) => segment.StartsWith('{') && segment.EndsWith('}');
}
