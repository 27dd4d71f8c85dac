namespace BulkResume;

/// <summary>A new run created by resuming (or restarting) a DLQ entry.</summary>
public sealed class ResumedRun
{
    internal ResumedRun(string workflowRunId, DateTimeOffset workflowCreatedAt)
    {
        WorkflowRunId = workflowRunId;
        WorkflowCreatedAt = workflowCreatedAt;
    }

    /// <summary>The new run's id.</summary>
    public string WorkflowRunId { get; }

    /// <summary>When the new run was created.</summary>
    public DateTimeOffset WorkflowCreatedAt { get; }

    /// <summary>The run id and creation time.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => $"{WorkflowRunId} (created {WorkflowCreatedAt:O})";
}
