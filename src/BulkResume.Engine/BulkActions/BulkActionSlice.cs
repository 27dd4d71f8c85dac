using BulkResume.Engine.Storage;

namespace BulkResume.Engine.BulkActions;

/// <summary>What one slice of a bulk action on entries did: the entries it took, where the next slice starts, and whether it finished the action.</summary>
internal sealed class BulkActionSlice(IReadOnlyList<TakenEntry> taken, DlqKey? next, bool finished)
{
    public IReadOnlyList<TakenEntry> Taken { get; } = taken;

    /// <summary>Where the next slice starts, or <see langword="null"/> to start again from the beginning of the selection.</summary>
    public DlqKey? Next { get; } = next;

    public bool Finished { get; } = finished;
}
