using System.Text.Json.Nodes;

namespace BulkResume.Benchmarks.Pairing;

/// <summary>
/// A ratio measured in pairs: the median of the per-pair ratios (the figure judged against its target), their first
/// and third quartiles (linear interpolation between the sorted ratios) and their least and largest, and how many
/// pairs there were. The quartiles say how far one pair's ratio strays; the median moves much less than that between
/// runs once the pairs are many.
/// </summary>
internal sealed record RatioSpread(double Median, double Q1, double Q3, double Min, double Max, int Pairs)
{
    public static RatioSpread Of(IEnumerable<double> ratios)
    {
        double[] sorted = [.. ratios.Order()];
        if (sorted.Length == 0)
        {
            throw new ArgumentException("A spread needs at least one ratio.", nameof(ratios));
        }

        return new RatioSpread(Quantile(sorted, 0.5), Quantile(sorted, 0.25), Quantile(sorted, 0.75), sorted[0], sorted[^1], sorted.Length);
    }

    /// <summary>The spread as measure.json and summary.json hold it, ratios to three decimals.</summary>
    public JsonObject ToJson() => new()
    {
        ["median"] = Math.Round(Median, 3),
        ["q1"] = Math.Round(Q1, 3),
        ["q3"] = Math.Round(Q3, 3),
        ["min"] = Math.Round(Min, 3),
        ["max"] = Math.Round(Max, 3),
        ["pairs"] = Pairs,
    };

    /// <summary>A spread as <see cref="ToJson"/> wrote it.</summary>
    public static RatioSpread FromJson(JsonNode json) => new(
        (double)json["median"]!, (double)json["q1"]!, (double)json["q3"]!, (double)json["min"]!, (double)json["max"]!, (int)json["pairs"]!);

    /// <summary>The median with its quartiles and extremes, as the console prints them.</summary>
    public string Describe() => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"{Median:F3} (IQR {Q1:F3}-{Q3:F3}, min-max {Min:F3}-{Max:F3}, {Pairs} pairs)");

    /// <summary>The <paramref name="q"/> quantile of sorted values, interpolated linearly between the two nearest.</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double q)
    {
        double position = (sorted.Count - 1) * q;
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Count - 1);
        return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
    }
}
