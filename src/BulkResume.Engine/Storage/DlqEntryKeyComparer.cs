namespace BulkResume.Engine.Storage;

/// <summary>Orders entries by <see cref="DlqKey"/>.</summary>
internal sealed class DlqEntryKeyComparer : IComparer<DlqEntry>
{
    public static DlqEntryKeyComparer Instance { get; } = new();

    public int Compare(DlqEntry? x, DlqEntry? y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        return DlqKey.Of(x).CompareTo(DlqKey.Of(y));
    }

    /// <summary>An entry that stands for a position in a sorted set; it is never stored.</summary>
    public static DlqEntry Probe(DlqKey key) => new()
    {
        DlqId = key.DlqId,
        CreatedAt = key.CreatedAt,
        MessageId = string.Empty,
        WorkflowRunId = string.Empty,
        WorkflowUrl = string.Empty,
        WorkflowCreatedAt = key.CreatedAt,
        Url = string.Empty,
    };
}
