using BulkResume.Engine.Storage;

namespace BulkResume.Engine.Bulk;

/// <summary>What one page of a bulk take did: the entries taken and where the next call continues (<see langword="null"/> when done).</summary>
internal sealed record BulkTakeResult(IReadOnlyList<TakenEntry> Taken, string? Cursor);
