namespace BulkResume.Engine.Http.Wire;

/// <summary>One run on the wire: <c>{"workflowRunId":"...","workflowCreatedAt":ms}</c>.</summary>
internal sealed class ResumedRunBody
{
    public required string WorkflowRunId { get; init; }

    public required long WorkflowCreatedAt { get; init; }

    public static ResumedRunBody From(string workflowRunId, DateTimeOffset workflowCreatedAt) =>
        new() { WorkflowRunId = workflowRunId, WorkflowCreatedAt = workflowCreatedAt.ToUnixTimeMilliseconds() };
}
