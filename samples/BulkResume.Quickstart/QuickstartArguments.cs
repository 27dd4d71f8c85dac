using System.Globalization;

namespace BulkResume.Quickstart;

/// <summary>The quickstart's few flags: <c>--workflow-url URL</c>, <c>--since 6h</c> (or 30m, 2d), <c>--yes</c>, <c>--help</c>.</summary>
internal sealed record QuickstartArguments(string? WorkflowUrl, TimeSpan Since, bool Yes, bool Help)
{
    /// <summary>What <c>--help</c> prints; the same names as the bulkresume CLI's, whose <c>--url</c> is the service, not a workflow.</summary>
    public const string Usage = """
        Usage: dotnet run --project samples/BulkResume.Quickstart [-- [--workflow-url URL] [--since 6h] [--yes]]

          --workflow-url URL  only the failed runs of this workflow (the embedded engine's default: its checkout workflow)
          --since DURATION    only runs that failed this recently: a number with m, h or d (default 6h)
          --yes               with QSTASH_TOKEN set: resume what is listed (needs --workflow-url); without it, only list
          --help              this text

        Without QSTASH_TOKEN it runs on an embedded engine holding a demo DLQ; with it, on the service at QSTASH_URL.
        """;

    public static QuickstartArguments Parse(string[] args)
    {
        string? url = null;
        var since = TimeSpan.FromHours(6);
        var yes = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--help" or "-h":
                    return new QuickstartArguments(null, since, Yes: false, Help: true);
                case "--yes":
                    yes = true;
                    break;
                case "--workflow-url" when i + 1 < args.Length:
                    url = args[++i];
                    break;
                case "--since" when i + 1 < args.Length:
                    since = ParseDuration(args[++i]);
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'. Use --workflow-url URL, --since 6h (m, h or d), --yes or --help.");
            }
        }

        return new QuickstartArguments(url, since, yes, Help: false);
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

        throw new ArgumentException($"--since '{text}' is not a duration. Use a number with m, h or d, such as 6h.");
    }
}
