using BulkResume.Engine.Model;

namespace BulkResume.Engine.Storage;

/// <summary>
/// Orders runs by id (ordinal), so that one sorted set of runs serves both lookups by id and pages by id prefix in
/// the in-memory store, instead of a dictionary and a sorted set of ids beside it.
/// </summary>
internal sealed class RunIdComparer : IComparer<WorkflowRun>
{
    public static readonly RunIdComparer Instance = new();

    /// <summary>A run that stands for an id in a lookup or a range bound; only its id is ever compared.</summary>
    public static WorkflowRun Probe(string workflowRunId) => new()
    {
        WorkflowRunId = workflowRunId,
        WorkflowUrl = string.Empty,
        State = RunState.RunStarted,
        CreatedAt = default,
    };

    public int Compare(WorkflowRun? x, WorkflowRun? y) =>
        string.CompareOrdinal(x?.WorkflowRunId, y?.WorkflowRunId);
}
