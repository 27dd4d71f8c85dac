namespace BulkResume.Engine.Http.Wire;

/// <summary>The bulk-resume answer: <c>{"cursor":"...","workflowRuns":[...]}</c>, without <c>cursor</c> when done.</summary>
internal sealed class BulkResumeResponseBody
{
    public string? Cursor { get; init; }

    public required IReadOnlyList<ResumedRunBody> WorkflowRuns { get; init; }
}
