using BulkResume.Engine;

namespace BulkResume.Emulator.Admin.Wire;

/// <summary>One recorded step of a seeded entry: <c>{"stepName","stepType","out","state"}</c>.</summary>
internal sealed class SeedStepBody
{
    public string? StepName { get; set; }

    public string? StepType { get; set; }

    public string? Out { get; set; }

    public string? State { get; set; }
}
