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
    }

    public string Method { get; }

    public DlqRouteHandler Handler { get; }

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
            if (expected.StartsWith('{') && expected.EndsWith('}'))
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
}
