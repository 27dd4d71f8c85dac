namespace BulkResume.Benchmarks.HandWritten;

/// <summary>A bulk-resume answer, as the hand-written loop reads it.</summary>
internal sealed class RawResumePage
{
    public string? Cursor { get; set; }

    public RawResumedRun[] WorkflowRuns { get; set; } = [];
}
