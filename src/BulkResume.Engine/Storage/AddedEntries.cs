using BulkResume.Engine.Model;

namespace BulkResume.Engine.Storage;

/// <summary>
/// The rules of dead-lettering (<see cref="DlqStoreWrites.AddAsync"/>): every entry one that every store keeps alike,
/// with a DLQ id of its own, not given twice and not already in the DLQ.
/// </summary>
internal static class AddedEntries
{
    /// <summary>Checks that <paramref name="entries"/> holds no <see langword="null"/>, no entry some store would not keep alike, and no DLQ id twice.</summary>
    /// <param name="entries">The entries to add.</param>
    /// <exception cref="ArgumentNullException"><paramref name="entries"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">An entry is <see langword="null"/> or breaks a rule of <see cref="DlqEntryRules"/>, or two entries have the same DLQ id.</exception>
    public static void Check(IReadOnlyList<DlqEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < entries.Count; i++)
        {
            if (entries[i] is not { } entry)
            {
                throw new ArgumentException($"entries[{i}] is null; remove it.", nameof(entries));
            }

            if (DlqEntryRules.Problem(entry) is { } problem)
            {
                throw new ArgumentException($"entries[{i}].{problem}", nameof(entries));
            }

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
