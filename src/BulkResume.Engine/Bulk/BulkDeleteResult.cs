namespace BulkResume.Engine;

/// <summary>What one bulk-delete call did.</summary>
internal sealed class BulkDeleteResult
{
    internal BulkDeleteResult(IReadOnlyList<string> deletedDlqIds, string? cursor)
    {
        ArgumentNullException.ThrowIfNull(deletedDlqIds);
        DeletedDlqIds = deletedDlqIds;
        Cursor = cursor;
    }

    /// <summary>The entries removed by this call, in DLQ order (or in the order of the ids given).</summary>
    public IReadOnlyList<string> DeletedDlqIds { get; }

    /// <summary>Where the next call continues, or <see langword="null"/> when every matching entry has been processed.</summary>
    public string? Cursor { get; }
}
