namespace BulkResume.Engine.Storage;

/// <summary>One keyset page of DLQ entries: the entries of <see cref="Selection"/> strictly after <see cref="After"/>, in <see cref="DlqKey"/> order, at most <see cref="Limit"/>.</summary>
public sealed class DlqQuery
{
    /// <summary>Creates a query.</summary>
    /// <param name="selection">Which entries.</param>
    /// <param name="after">The position to continue after, or <see langword="null"/> to start at the first entry.</param>
    /// <param name="limit">The most entries to return; at least 1.</param>
    public DlqQuery(DlqSelection selection, DlqKey? after, int limit)
    {
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        Selection = selection;
        After = after;
        Limit = limit;
    }

    /// <summary>Which entries.</summary>
    public DlqSelection Selection { get; }

    /// <summary>The position to continue after, or <see langword="null"/> to start at the first entry.</summary>
    public DlqKey? After { get; }

    /// <summary>The most entries to return.</summary>
    public int Limit { get; }
}
