namespace BulkResume.Engine.Http.Routing;

/// <summary>A method and a path template (segments, <c>{name}</c> capturing one), and what answers them.</summary>
internal sealed class DlqRoute
{
    private readonly string[] _segments;

    public DlqRoute(string method, string template, DlqRouteHandler handler)
    {
        Method = method;
        _segments = DlqRouteTable.Split(template);
        Handler = handler;
        LiteralSegments = _segments.Count(segment => !IsCapture(segment));
    }

    public string Method { get; }

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
