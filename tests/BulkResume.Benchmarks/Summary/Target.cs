using System.Text.Json.Nodes;

namespace BulkResume.Benchmarks.Summary;

/// <summary>One target of issue 9: a figure that must be at most <see cref="Limit"/>.</summary>
internal sealed record Target(string Key, double Limit)
{
    public JsonObject Judge(double? value) => new()
    {
        ["target"] = "<= " + Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["value"] = value,
        ["pass"] = value is { } v && v <= Limit,
        ["note"] = value is null ? "not measured in this run" : null,
    };
}
