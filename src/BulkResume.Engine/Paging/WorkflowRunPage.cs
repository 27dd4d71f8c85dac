namespace BulkResume.Engine;

/// <summary>One page of run logs.</summary>
internal sealed class WorkflowRunPage
{
    internal WorkflowRunPage(IReadOnlyList<RunRecord> runs, string? cursor)
    {
        ArgumentNullException.ThrowIfNull(runs);
        Runs = runs;
        Cursor = cursor;
    }

    /// <summary>The runs of this page, ordered by run id (ordinal), each with its steps.</summary>
    public IReadOnlyList<RunRecord> Runs { get; }

    /// <summary>Where the next page starts, or <see langword="null"/> when no matching run remains.</summary>
    public string? Cursor { get; }
}
