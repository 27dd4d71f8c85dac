using System.Text.Json.Nodes;

namespace BulkResume.Benchmarks.Summary;

/// <summary>One target: a figure that must be at most <see cref="Limit"/> (issue 9's costs), or at least it when <see cref="AtLeast"/> (issue 16's speedups).</summary>
internal sealed record Target(string Key, double Limit, bool AtLeast = false)
{
    public JsonObject Judge(double? value) => new()
    {
        ["target"] = (AtLeast ? ">= " : "<= ") + Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["value"] = value,
        ["pass"] = value is { } v && (AtLeast ? v >= Limit : v <= Limit),
        ["note"] = value is null ? "not measured in this run" : null,
    };
}
