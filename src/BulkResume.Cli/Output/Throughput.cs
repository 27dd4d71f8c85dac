using System.Globalization;

namespace BulkResume.Cli.Output;

/// <summary>How far bulk work has got: entries done, elapsed time and rate, as one short phrase.</summary>
internal static class Throughput
{
    public static string Describe(long done, TimeSpan elapsed)
    {
        var seconds = elapsed.TotalSeconds;
        var rate = seconds > 0 ? (done / seconds).ToString("0.0", CultureInfo.InvariantCulture) : "-";
        return string.Create(CultureInfo.InvariantCulture, $"{done} entries in {elapsed:hh\\:mm\\:ss} ({rate}/s)");
    }
}
