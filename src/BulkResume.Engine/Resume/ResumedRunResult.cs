namespace BulkResume.Engine;

/// <summary>A run resumed from the DLQ.</summary>
internal sealed class ResumedRunResult
{
    internal ResumedRunResult(string workflowRunId, DateTimeOffset workflowCreatedAt, string sourceDlqId)
    {
        ArgumentNullException.ThrowIfNull(workflowRunId);
        ArgumentNullException.ThrowIfNull(sourceDlqId);
        WorkflowRunId = workflowRunId;
        WorkflowCreatedAt = workflowCreatedAt;
        SourceDlqId = sourceDlqId;
    }

    /// <summary>The new run's id.</summary>
    public string WorkflowRunId { get; }

    /// <summary>When the new run was created.</summary>
    public DateTimeOffset WorkflowCreatedAt { get; }

    /// <summary>The DLQ entry it was resumed from (which has left the DLQ).</summary>
    public string SourceDlqId { get; }
}
