namespace BulkResume.Engine.Selection;

/// <summary>One run named by id and creation time, as the run logs' <c>workflowRuns</c> filter names it (<c>id@createdAt</c>).</summary>
/// <param name="WorkflowRunId">The run's id.</param>
/// <param name="CreatedAt">When the run was created (compared to the millisecond).</param>
public readonly record struct RunReference(string WorkflowRunId, DateTimeOffset CreatedAt);
