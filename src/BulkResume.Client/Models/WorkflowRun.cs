namespace BulkResume;

/// <summary>
/// A workflow run and its steps, as the run logs show it (<see cref="RunsClient"/>). Read a resumed run to check that it
/// kept the successful steps of the original run and ran only the failed and pending ones again.
/// </summary>
public sealed class WorkflowRun
{
    internal WorkflowRun(string workflowRunId, string workflowUrl, WorkflowRunState? state, DateTimeOffset createdAt, DateTimeOffset? completedAt, IReadOnlyList<WorkflowStep> steps, string? dlqId)
    {
        WorkflowRunId = workflowRunId;
        WorkflowUrl = workflowUrl;
        State = state;
        CreatedAt = createdAt;
        CompletedAt = completedAt;
        Steps = steps;
        DlqId = dlqId;
    }

    /// <summary>The run's id.</summary>
    public string WorkflowRunId { get; }

    /// <summary>The workflow's URL.</summary>
    public string WorkflowUrl { get; }

    /// <summary>The run's state (<c>workflowState</c>); null when the service sent a state this SDK does not know.</summary>
    public WorkflowRunState? State { get; }

    /// <summary>When the run was created (<c>workflowRunCreatedAt</c>).</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>When the run finished (<c>workflowRunCompletedAt</c>), or null while it runs.</summary>
    public DateTimeOffset? CompletedAt { get; }

    /// <summary>The run's steps, in the order the service lists them.</summary>
    public IReadOnlyList<WorkflowStep> Steps { get; }

    /// <summary>The DLQ entry of the run when it failed into the DLQ, otherwise null.</summary>
    public string? DlqId { get; }

    /// <summary>The run id and state.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => $"{WorkflowRunId} ({State?.ToString() ?? "unknown state"}, {Steps.Count} steps)";
}
