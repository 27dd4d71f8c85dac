namespace BulkResume.Internal.Wire;

/// <summary>The answer of a bulk resume or bulk restart: <c>{"cursor": "...", "workflowRuns": [...]}</c>.</summary>
internal sealed class BulkResumeResponseWire
{
    public string? Cursor { get; set; }

    public List<ResumedRunWire>? WorkflowRuns { get; set; }
}

/// <summary>One run of a resume or restart answer: <c>{"workflowRunId": "...", "workflowCreatedAt": ms}</c>.</summary>
internal sealed class ResumedRunWire
{
    public string? WorkflowRunId { get; set; }

    public long WorkflowCreatedAt { get; set; }

    public ResumedRun ToModel() => new(WorkflowRunId ?? string.Empty, DateTimeOffset.FromUnixTimeMilliseconds(WorkflowCreatedAt));
}
