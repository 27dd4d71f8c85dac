using BulkResume.Engine.Model;

namespace BulkResume.Engine.Storage;

/// <summary>
/// The rule of dead-lettering (<see cref="DlqStoreWrites.AddAsync"/>): every entry has a DLQ id of its own, not given
/// twice and not already in the DLQ.
/// </summary>
internal static class AddedEntries
{
    /// <summary>Checks that <paramref name="entries"/> holds no <see langword="null"/> and no DLQ id twice.</summary>
    /// <param name="entries">The entries to add.</param>
    /// <exception cref="ArgumentNullException"><paramref name="entries"/> or one of them is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Two entries have the same DLQ id.</exception>
    public static void CheckDistinct(IReadOnlyList<DlqEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (DlqEntry entry in entries)
        {
            ArgumentNullException.ThrowIfNull(entry, nameof(entries));
            if (!seen.Add(entry.DlqId))
            {
                throw Duplicate(entry.DlqId);
            }
        }
    }

    /// <summary>The error for an entry whose DLQ id is already in the DLQ or given twice.</summary>
    /// <param name="dlqId">The DLQ id.</param>
    /// <returns>The exception to throw, naming the <c>entries</c> argument.</returns>
    public static ArgumentException Duplicate(string dlqId) =>
        new($"DLQ id {dlqId} is already in the DLQ or given twice; give each entry a new id.", "entries");
}
