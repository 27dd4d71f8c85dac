namespace BulkResume.Engine.Resume;

/// <summary>A run resumed from the DLQ.</summary>
/// <param name="WorkflowRunId">The new run's id.</param>
/// <param name="WorkflowCreatedAt">When the new run was created.</param>
/// <param name="SourceDlqId">The DLQ entry it was resumed from (which has left the DLQ).</param>
public sealed record ResumedRunResult(string WorkflowRunId, DateTimeOffset WorkflowCreatedAt, string SourceDlqId);
