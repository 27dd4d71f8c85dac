using System.Text.Json;

namespace BulkResume.Internal.Wire;

/// <summary>One step of a run in the run logs.</summary>
internal sealed class WorkflowStepWire
{
    public long StepId { get; set; }

    public string? StepName { get; set; }

    public string? StepType { get; set; }

    /// <summary>Usually a JSON string holding the output; any other JSON value is kept as its text.</summary>
    public JsonElement? Out { get; set; }

    public int? Concurrent { get; set; }

    public string? State { get; set; }

    public long CreatedAt { get; set; }

    public WorkflowStep ToModel() => new(
        StepId,
        StepName ?? string.Empty,
        WorkflowStateNames.StepType(StepType),
        Out switch
        {
            null or { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
            { ValueKind: JsonValueKind.String } text => text.GetString(),
            { } other => other.GetRawText(),
        },
        Concurrent ?? 1,
        WorkflowStateNames.StepState(State),
        WireValues.Time(CreatedAt));
}
