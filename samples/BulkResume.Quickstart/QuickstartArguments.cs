using System.Globalization;

namespace BulkResume.Quickstart;

/// <summary>The quickstart's few flags: <c>--url URL</c>, <c>--since 6h</c> (or 30m, 2d), <c>--yes</c>.</summary>
internal sealed record QuickstartArguments(string? WorkflowUrl, TimeSpan Since, bool Yes)
{
    public static QuickstartArguments Parse(string[] args)
    {
        string? url = null;
        var since = TimeSpan.FromHours(6);
        var yes = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--yes":
                    yes = true;
                    break;
                case "--url" when i + 1 < args.Length:
                    url = args[++i];
                    break;
                case "--since" when i + 1 < args.Length:
                    since = ParseDuration(args[++i]);
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'. Use --url URL, --since 6h (m, h or d) and --yes.", nameof(args));
            }
        }

        return new QuickstartArguments(url, since, yes);
    }

    private static TimeSpan ParseDuration(string text)
    {
        if (text.Length > 1 && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0)
        {
            switch (text[^1])
            {
                case 'm': return TimeSpan.FromMinutes(value);
                case 'h': return TimeSpan.FromHours(value);
                case 'd': return TimeSpan.FromDays(value);
            }
        }

        throw new ArgumentException($"--since '{text}' is not a duration. Use a number with m, h or d, such as 6h.", nameof(text));
    }
}
