namespace BulkResume.Engine.Http.Wire;

/// <summary>One resumed run on the wire: <c>{"workflowRunId":"...","workflowCreatedAt":ms}</c>.</summary>
internal sealed class ResumedRunBody
{
    public required string WorkflowRunId { get; init; }

    public required long WorkflowCreatedAt { get; init; }
}
