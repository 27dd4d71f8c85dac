namespace BulkResume.Engine.Storage;

/// <summary>What a take by ids (<see cref="DlqStoreWrites.TakeAsync"/>) did.</summary>
public sealed class DlqTakeResult
{
    internal DlqTakeResult(IReadOnlyList<TakenEntry> taken, IReadOnlyList<string> missing)
    {
        Taken = taken;
        Missing = missing;
    }

    /// <summary>The entries taken, in the order their ids were given.</summary>
    public IReadOnlyList<TakenEntry> Taken { get; }

    /// <summary>The ids not in the DLQ; with all-or-nothing, nothing was taken when there are any.</summary>
    public IReadOnlyList<string> Missing { get; }
}
