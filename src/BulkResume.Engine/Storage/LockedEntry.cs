namespace BulkResume.Engine.Storage;

/// <summary>One key of a page <see cref="IDlqTransaction.LockPageAsync"/> read, and its entry when this transaction holds it.</summary>
public readonly struct LockedEntry
{
    /// <summary>Creates the pair.</summary>
    /// <param name="key">The key read.</param>
    /// <param name="entry">The entry, locked, or <see langword="null"/> when another transaction holds it or it left the DLQ.</param>
    public LockedEntry(DlqKey key, DlqEntry? entry)
    {
        Key = key;
        Entry = entry;
    }

    /// <summary>The key read.</summary>
    public DlqKey Key { get; }

    /// <summary>The entry, locked, or <see langword="null"/> when another transaction holds it or it left the DLQ.</summary>
    public DlqEntry? Entry { get; }
}
