namespace BulkResume.Engine.Storage;

/// <summary>One keyset page of workflow runs: those of <see cref="Selection"/> after <see cref="After"/>, ordered by run id (ordinal).</summary>
public sealed class RunQuery
{
    /// <summary>Creates a query.</summary>
    /// <param name="selection">Which runs.</param>
    /// <param name="after">The run id to continue after, or <see langword="null"/> to start at the first run.</param>
    /// <param name="limit">The most runs to return; at least 1.</param>
    public RunQuery(RunSelection selection, string? after, int limit)
    {
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        Selection = selection;
        After = after;
        Limit = limit;
    }

    /// <summary>Which runs.</summary>
    public RunSelection Selection { get; }

    /// <summary>The run id to continue after, or <see langword="null"/> to start at the first run.</summary>
    public string? After { get; }

    /// <summary>The most runs to return.</summary>
    public int Limit { get; }
}
