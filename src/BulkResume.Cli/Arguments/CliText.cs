using System.Globalization;

namespace BulkResume.Cli.Arguments;

/// <summary>How the CLI writes values back to the operator, the same way everywhere.</summary>
internal static class CliText
{
    /// <summary>
    /// ISO 8601 with the offset, to the millisecond when it has one (the wire's precision), so that a time pasted back
    /// into <c>--from</c> selects exactly what it did: unambiguous in a log, and the same filter for a cursor.
    /// </summary>
    public static string Time(DateTimeOffset time) =>
        time.ToString(time.Millisecond == 0 ? "yyyy-MM-dd'T'HH:mm:sszzz" : "yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    /// <summary>A count and its noun, singular for one: <c>1 entry</c>, <c>2 entries</c>, never <c>1 entries</c>.</summary>
    public static string Count(long count, string one, string many) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? one : many)}");
}
