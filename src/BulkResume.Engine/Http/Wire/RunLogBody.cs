using BulkResume.Engine.Model;

namespace BulkResume.Engine.Http.Wire;

/// <summary>One run in the run logs: ids, state (<c>RUN_*</c>), times in Unix ms, steps, and <c>dlqId</c> when it was dead-lettered.</summary>
internal sealed class RunLogBody
{
    public required string WorkflowRunId { get; init; }

    public required string WorkflowUrl { get; init; }

    public required string WorkflowState { get; init; }

    public required long WorkflowRunCreatedAt { get; init; }

    public long? WorkflowRunCompletedAt { get; init; }

    public required IReadOnlyList<StepLogBody> Steps { get; init; }

    public string? DlqId { get; init; }

    public static RunLogBody From(WorkflowRun run) => new()
    {
        WorkflowRunId = run.WorkflowRunId,
        WorkflowUrl = run.WorkflowUrl,
        WorkflowState = WireNames.Of(run.State),
        WorkflowRunCreatedAt = run.CreatedAt.ToUnixTimeMilliseconds(),
        WorkflowRunCompletedAt = run.CompletedAt?.ToUnixTimeMilliseconds(),
        Steps = run.Steps.Select(StepLogBody.From).ToArray(),
        DlqId = run.DlqId,
    };
}
