using BulkResume.Engine.Model;

namespace BulkResume.Engine.Http.Wire;

/// <summary>One step in the run logs: <c>stepType</c> like <c>Run</c>, <c>state</c> like <c>STEP_SUCCESS</c>, <c>createdAt</c> in Unix ms.</summary>
internal sealed class StepLogBody
{
    public required long StepId { get; init; }

    public required string StepName { get; init; }

    public required string StepType { get; init; }

    public string? Out { get; init; }

    public required int Concurrent { get; init; }

    public required string State { get; init; }

    public required long CreatedAt { get; init; }

    public static StepLogBody From(WorkflowStep step) => new()
    {
        StepId = step.StepId,
        StepName = step.StepName,
        StepType = WireNames.Of(step.StepType),
        Out = step.Out,
        Concurrent = step.Concurrent,
        State = WireNames.Of(step.State),
        CreatedAt = step.CreatedAt.ToUnixTimeMilliseconds(),
    };
}
