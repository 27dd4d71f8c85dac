using BulkResume.Engine.Selection;

namespace BulkResume.Engine.Storage;

/// <summary>What <see cref="IDlqStore.TakePageAsync"/> did.</summary>
/// <param name="Taken">The entries removed, in <see cref="DlqKey"/> order.</param>
/// <param name="Next">
/// Where the next page starts: the key of the last entry the page read within its limit, or <see langword="null"/> when
/// no entry of the selection remained after the page.
/// </param>
public sealed record DlqTakenPage(IReadOnlyList<TakenEntry> Taken, DlqKey? Next);
