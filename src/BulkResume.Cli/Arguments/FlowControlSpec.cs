using System.Globalization;

namespace BulkResume.Cli.Arguments;

/// <summary>The <c>--flow-control</c> override: <c>key:parallelism=2,rate=10,period=60s</c> (parallelism, rate or both; period goes with rate).</summary>
internal static class FlowControlSpec
{
    public const string Flag = "--flow-control";

    private const string Example = "Use KEY:parallelism=2,rate=10,period=60s (parallelism, rate or both; period only with rate).";

    /// <exception cref="UsageException">The spec is malformed; the message names the flag and the setting.</exception>
    public static FlowControl Parse(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var key = (colon < 0 ? text : text[..colon]).Trim();
        if (key.Length == 0)
        {
            throw new UsageException(Flag, $"{Flag} '{text}' has no key. {Example}");
        }

        int? parallelism = null;
        int? rate = null;
        TimeSpan? period = null;
        var settings = colon < 0 ? [] : text[(colon + 1)..].Split(',', StringSplitOptions.TrimEntries);
        foreach (var setting in settings)
        {
            var parts = setting.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[1].Length == 0)
            {
                throw new UsageException(Flag, $"{Flag} setting '{setting}' is not NAME=VALUE. {Example}");
            }

            switch (parts[0].ToLowerInvariant())
            {
                case "parallelism":
                    parallelism = Once(parallelism, parts[0], PositiveInteger(parts[0], parts[1]));
                    break;
                case "rate":
                    rate = Once(rate, parts[0], PositiveInteger(parts[0], parts[1]));
                    break;
                case "period":
                    period = Once(period, parts[0], Period(parts[1]));
                    break;
                default:
                    throw new UsageException(Flag, $"{Flag} has an unknown setting '{parts[0]}'. The settings are parallelism, rate and period. {Example}");
            }
        }

        try
        {
            return new FlowControl(key, parallelism, rate, period);
        }
        catch (ArgumentException e)
        {
            // The SDK's rules for the combination (a limit is required, period goes with rate) and for the key's text.
            throw new UsageException(Flag, $"{Flag} '{text}': {e.Message.Split(" (Parameter", 2)[0]} {Example}");
        }
    }

    private static T Once<T>(T? current, string name, T value)
        where T : struct =>
        current is null ? value : throw new UsageException(Flag, $"{Flag} sets {name} twice. Give each setting once.");

    private static int PositiveInteger(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1
            ? number
            : throw new UsageException(Flag, $"{Flag} {name}={value} is not a whole number of at least 1.");

    private static TimeSpan Period(string value) =>
        Duration.TryParse(value, unitRequired: false, out var period) && period >= TimeSpan.FromSeconds(1)
            ? period
            : throw new UsageException(Flag, $"{Flag} period={value} is not a whole number of seconds of at least 1: write {Duration.Grammar}, or a bare number of seconds (60, 60s, 5m, 1h or 1d).");
}
