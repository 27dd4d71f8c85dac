namespace BulkResume.Engine;

/// <summary>One page of a DLQ listing.</summary>
public sealed class DlqEntryPage
{
    internal DlqEntryPage(IReadOnlyList<DlqEntry> entries, string? cursor)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Entries = entries;
        Cursor = cursor;
    }

    /// <summary>The entries of this page, in DLQ order (failure time, then id).</summary>
    public IReadOnlyList<DlqEntry> Entries { get; }

    /// <summary>Where the next page starts, or <see langword="null"/> when no matching entry remains.</summary>
    public string? Cursor { get; }
}
