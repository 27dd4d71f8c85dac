using System.Globalization;

namespace BulkResume.Cli.Output;

/// <summary>How far bulk work has got: entries done (of how many, when counted), elapsed time and rate, as one short phrase.</summary>
internal static class Throughput
{
    public static string Describe(long done, long? total, TimeSpan elapsed)
    {
        var seconds = elapsed.TotalSeconds;
        var rate = seconds > 0 ? (done / seconds).ToString("0.0", CultureInfo.InvariantCulture) : "-";
        var of = total is { } counted ? string.Create(CultureInfo.InvariantCulture, $" of {counted}") : string.Empty;
        var noun = (total ?? done) == 1 ? "entry" : "entries";
        return string.Create(CultureInfo.InvariantCulture, $"{done}{of} {noun} in {elapsed:hh\\:mm\\:ss} ({rate}/s)");
    }
}
