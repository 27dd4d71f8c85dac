namespace BulkResume.Engine.Storage;

/// <summary>What the take of a page (<see cref="DlqStoreWrites.TakePageAsync"/>) did.</summary>
public sealed class DlqTakenPage
{
    internal DlqTakenPage(IReadOnlyList<TakenEntry> taken, DlqKey? next)
    {
        Taken = taken;
        Next = next;
    }

    /// <summary>The entries taken, in key order.</summary>
    public IReadOnlyList<TakenEntry> Taken { get; }

    /// <summary>Where the next page starts, or <see langword="null"/> when nothing of the selection remained after this one.</summary>
    public DlqKey? Next { get; }
}
