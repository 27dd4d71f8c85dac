namespace BulkResume.Internal.Wire;

/// <summary>The answer of the run logs: <c>{"cursor": "...", "runs": [...]}</c>.</summary>
internal sealed class RunLogsResponseWire
{
    public string? Cursor { get; set; }

    public List<WorkflowRunWire>? Runs { get; set; }
}
