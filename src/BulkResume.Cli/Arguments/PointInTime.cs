using System.Globalization;

namespace BulkResume.Cli.Arguments;

/// <summary>Times given to <c>--from</c>, <c>--to</c> and <c>--created-at</c>: ISO 8601, or relative to now such as <c>-2h</c>.</summary>
internal static class PointInTime
{
    /// <summary>What the flags take, for their help.</summary>
    public const string Help = "ISO 8601 (2025-07-18T09:00:00Z; UTC unless an offset is given) or relative (-30m, -2h, -1d)";

    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mm:ssK",
        "yyyy-MM-dd HH:mmK",
        "yyyy-MM-dd",
    ];

    /// <summary>
    /// Parses <paramref name="text"/>: a relative time (a minus and a <see cref="Duration"/>: <c>-45s</c>, <c>-30m</c>, <c>-2h</c>, <c>-1d</c>; or <c>now</c>) is taken back
    /// from <paramref name="now"/>; an ISO 8601 time without an offset is UTC.
    /// </summary>
    /// <exception cref="UsageException">The text is neither; the message names <paramref name="flag"/>.</exception>
    public static DateTimeOffset Parse(string text, DateTimeOffset now, string flag)
    {
        var trimmed = text.Trim();
        if (trimmed.Equals("now", StringComparison.OrdinalIgnoreCase))
        {
            return now;
        }

        // A duration reaching back before year 1 is no time either (and would throw).
        if (trimmed.StartsWith('-') && Duration.TryParse(trimmed[1..], unitRequired: true, out var ago) && ago <= now - DateTimeOffset.MinValue)
        {
            return now - ago;
        }

        if (DateTimeOffset.TryParseExact(trimmed, IsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time;
        }

        throw new UsageException(
            flag,
            $"{flag} '{text}' is not a time. Pass ISO 8601 such as 2025-07-18T09:00:00Z (UTC unless an offset is given), or a time before now: a minus and {Duration.Grammar}, such as -30m, -2h or -1d.");
    }
}
