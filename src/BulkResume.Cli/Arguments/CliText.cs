using System.Globalization;

namespace BulkResume.Cli.Arguments;

/// <summary>How the CLI writes values back to the operator, the same way everywhere.</summary>
internal static class CliText
{
    /// <summary>ISO 8601 with the offset, to the second: what <c>--from</c> accepts back, and unambiguous in a log.</summary>
    public static string Time(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>A whole number as a person reads it in a sentence (1500, not 1,500: pasteable as a flag value).</summary>
    public static string Count(long count) => count.ToString(CultureInfo.InvariantCulture);
}
