using System.Text.Json.Nodes;

namespace BulkResume.Benchmarks.Summary;

/// <summary>One target: a figure that must be at most <see cref="Limit"/> (issue 9's costs), or at least it when <see cref="AtLeast"/> (issue 16's speedups).</summary>
internal sealed record Target(string Key, double Limit, bool AtLeast = false)
{
    /// <summary>The verdict on <paramref name="value"/>; a ratio measured in pairs brings its <paramref name="spread"/>, which the verdict repeats.</summary>
    public JsonObject Judge(double? value, JsonNode? spread = null) => new()
    {
        ["target"] = Describe(),
        ["value"] = value,
        ["pass"] = value is { } v && (AtLeast ? v >= Limit : v <= Limit),
        ["spread"] = spread?.DeepClone(),
        ["note"] = value is null ? "not measured in this run" : null,
    };

    /// <summary>The target as summary.json and the console show it, e.g. <c>&lt;= 1.5</c>.</summary>
    public string Describe() => (AtLeast ? ">= " : "<= ") + Limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
