namespace BulkResume.Internal.Wire;

/// <summary>The answer of a bulk resume or bulk restart: <c>{"cursor": "...", "workflowRuns": [...]}</c>.</summary>
internal sealed class BulkResumeResponseWire
{
    public string? Cursor { get; set; }

    public List<ResumedRunWire>? WorkflowRuns { get; set; }
}
