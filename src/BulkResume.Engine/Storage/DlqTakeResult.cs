namespace BulkResume.Engine.Storage;

/// <summary>What <see cref="IDlqStore.TakeAsync"/> did.</summary>
/// <param name="Taken">The entries removed, in the order their ids were given.</param>
/// <param name="Missing">
/// The ids that were not in the DLQ, in the order given. With all-or-nothing, when this is not empty nothing was taken.
/// </param>
public sealed record DlqTakeResult(IReadOnlyList<TakenEntry> Taken, IReadOnlyList<string> Missing);
