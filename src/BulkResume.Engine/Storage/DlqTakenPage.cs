using BulkResume.Engine.Selection;

namespace BulkResume.Engine.Storage;

/// <summary>What the take of a page did: the entries taken, in key order, and where the next page starts (<see langword="null"/> when nothing of the selection remained after it).</summary>
internal sealed record DlqTakenPage(IReadOnlyList<TakenEntry> Taken, DlqKey? Next);
