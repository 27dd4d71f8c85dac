namespace BulkResume.Engine.Bulk;

/// <summary>What one bulk-delete call did.</summary>
/// <param name="DeletedDlqIds">The entries removed by this call, in DLQ order (or in the order of the ids given).</param>
/// <param name="Cursor">Where the next call continues, or <see langword="null"/> when every matching entry has been processed.</param>
public sealed record BulkDeleteResult(IReadOnlyList<string> DeletedDlqIds, string? Cursor);
