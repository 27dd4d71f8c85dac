namespace BulkResume.Engine.Http.Wire;

/// <summary>The bulk-resume answer: <c>{"cursor":"...","workflowRuns":[...]}</c>, without <c>cursor</c> when done.</summary>
internal sealed class BulkResumeResponseBody
{
    public string? Cursor { get; init; }

    public required IReadOnlyList<ResumedRunBody> WorkflowRuns { get; init; }

    public static BulkResumeResponseBody From(BulkResumeResult result) => new()
    {
        Cursor = result.Cursor,
        WorkflowRuns = result.ResumedRuns.Select(run => ResumedRunBody.From(run.WorkflowRunId, run.WorkflowCreatedAt)).ToArray(),
    };
}
