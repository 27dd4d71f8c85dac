namespace BulkResume.Engine;

/// <summary>What one bulk-resume call did.</summary>
internal sealed class BulkResumeResult
{
    internal BulkResumeResult(IReadOnlyList<ResumedRunResult> resumedRuns, string? cursor)
    {
        ArgumentNullException.ThrowIfNull(resumedRuns);
        ResumedRuns = resumedRuns;
        Cursor = cursor;
    }

    /// <summary>The runs resumed by this call, in DLQ order (or in the order of the ids given).</summary>
    public IReadOnlyList<ResumedRunResult> ResumedRuns { get; }

    /// <summary>Where the next call continues, or <see langword="null"/> when every matching entry has been processed.</summary>
    public string? Cursor { get; }
}
