namespace BulkResume.Benchmarks.HandWritten;

/// <summary>One run of a bulk-resume answer, as the hand-written loop reads it.</summary>
internal sealed class RawResumedRun
{
    public string? WorkflowRunId { get; set; }

    public long WorkflowCreatedAt { get; set; }
}
