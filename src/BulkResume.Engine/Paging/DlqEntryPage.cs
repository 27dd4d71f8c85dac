using BulkResume.Engine.Model;

namespace BulkResume.Engine.Paging;

/// <summary>One page of a DLQ listing.</summary>
/// <param name="Entries">The entries of this page, in DLQ order (failure time, then id).</param>
/// <param name="Cursor">Where the next page starts, or <see langword="null"/> when no matching entry remains.</param>
public sealed record DlqEntryPage(IReadOnlyList<DlqEntry> Entries, string? Cursor);
