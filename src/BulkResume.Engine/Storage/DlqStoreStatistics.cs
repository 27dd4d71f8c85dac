namespace BulkResume.Engine.Storage;

/// <summary>Counts of what a store holds, counted by the store itself.</summary>
public sealed class DlqStoreStatistics
{
    /// <summary>Creates the counts.</summary>
    /// <param name="dlqEntryCount">How many entries are in the DLQ.</param>
    /// <param name="runsByState">How many runs are in each state; states without runs are absent.</param>
    /// <param name="runsByOrigin">How many runs have each origin; origins without runs are absent.</param>
    public DlqStoreStatistics(long dlqEntryCount, IReadOnlyDictionary<RunState, long> runsByState, IReadOnlyDictionary<WorkflowRunOrigin, long> runsByOrigin)
    {
        ArgumentNullException.ThrowIfNull(runsByState);
        ArgumentNullException.ThrowIfNull(runsByOrigin);
        DlqEntryCount = dlqEntryCount;
        RunsByState = runsByState;
        RunsByOrigin = runsByOrigin;
    }

    /// <summary>How many entries are in the DLQ.</summary>
    public long DlqEntryCount { get; }

    /// <summary>How many runs are in each state; states without runs are absent.</summary>
    public IReadOnlyDictionary<RunState, long> RunsByState { get; }

    /// <summary>How many runs have each origin; origins without runs are absent.</summary>
    public IReadOnlyDictionary<WorkflowRunOrigin, long> RunsByOrigin { get; }
}
