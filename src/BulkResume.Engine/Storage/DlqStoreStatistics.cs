using BulkResume.Engine.Model;

namespace BulkResume.Engine.Storage;

/// <summary>Counts of what a store holds, counted by the store itself.</summary>
/// <param name="DlqEntryCount">How many entries are in the DLQ.</param>
/// <param name="RunsByState">How many runs are in each state; states without runs are absent.</param>
/// <param name="RunsByOrigin">How many runs have each origin; origins without runs are absent.</param>
public sealed record DlqStoreStatistics(
    long DlqEntryCount,
    IReadOnlyDictionary<RunState, long> RunsByState,
    IReadOnlyDictionary<WorkflowRunOrigin, long> RunsByOrigin);
