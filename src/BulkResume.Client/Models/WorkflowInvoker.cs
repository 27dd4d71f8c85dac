namespace BulkResume;

/// <summary>The workflow run that invoked a run (<see cref="WorkflowRun.Invoker"/>; <c>invoker</c> on the wire).</summary>
public sealed class WorkflowInvoker
{
    internal WorkflowInvoker(string workflowRunId, string workflowUrl, DateTimeOffset createdAt)
    {
        WorkflowRunId = workflowRunId;
        WorkflowUrl = workflowUrl;
        CreatedAt = createdAt;
    }

    /// <summary>The invoking run's id (<c>workflowRunId</c>).</summary>
    public string WorkflowRunId { get; }

    /// <summary>The invoking workflow's URL (<c>workflowUrl</c>).</summary>
    public string WorkflowUrl { get; }

    /// <summary>When the invoking run was created (<c>workflowRunCreatedAt</c>).</summary>
    public DateTimeOffset CreatedAt { get; }
}
