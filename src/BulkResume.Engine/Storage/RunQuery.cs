namespace BulkResume.Engine.Storage;

/// <summary>One keyset page of workflow runs, ordered by run id (ordinal).</summary>
public sealed class RunQuery
{
    /// <summary>Creates a query.</summary>
    /// <param name="workflowRunId">Runs whose id is this or starts with it; <see langword="null"/> for all runs.</param>
    /// <param name="after">The run id to continue after, or <see langword="null"/> to start at the first run.</param>
    /// <param name="limit">The most runs to return; at least 1.</param>
    public RunQuery(string? workflowRunId, string? after, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        WorkflowRunId = workflowRunId;
        After = after;
        Limit = limit;
    }

    /// <summary>Runs whose id is this or starts with it; <see langword="null"/> for all runs.</summary>
    public string? WorkflowRunId { get; }

    /// <summary>The run id to continue after, or <see langword="null"/> to start at the first run.</summary>
    public string? After { get; }

    /// <summary>The most runs to return.</summary>
    public int Limit { get; }
}
