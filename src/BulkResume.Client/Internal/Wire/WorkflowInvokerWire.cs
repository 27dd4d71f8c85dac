namespace BulkResume.Internal.Wire;

/// <summary>A run's <c>invoker</c> (an <c>InvokerContext</c>).</summary>
internal sealed class WorkflowInvokerWire
{
    public string? WorkflowRunId { get; set; }

    public string? WorkflowUrl { get; set; }

    public long WorkflowRunCreatedAt { get; set; }

    public WorkflowInvoker ToModel() => new(WorkflowRunId ?? string.Empty, WorkflowUrl ?? string.Empty, WireValues.Time(WorkflowRunCreatedAt));
}
