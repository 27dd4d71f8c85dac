using BulkResume.Engine.Model;

namespace BulkResume.Engine.Storage;

/// <summary>
/// What a store makes of the entries it found for a take: the entries present and the ids
/// missing, both in the order of <see cref="DlqTake.DlqIds"/>. Public so that every store reports a take the same way.
/// </summary>
public static class FoundEntries
{
    /// <summary>Splits <paramref name="take"/>'s ids into the entries <paramref name="found"/> holds and the ids of the others.</summary>
    /// <param name="take">The take.</param>
    /// <param name="found">The entries the store found, by DLQ id.</param>
    /// <returns>The entries present and the ids missing, in the take's order.</returns>
    public static (IReadOnlyList<DlqEntry> Present, IReadOnlyList<string> Missing) Split(DlqTake take, IReadOnlyDictionary<string, DlqEntry> found)
    {
        ArgumentNullException.ThrowIfNull(take);
        ArgumentNullException.ThrowIfNull(found);
        // Sized by the take, not by found: the in-memory store passes its whole id index as found.
        var present = new List<DlqEntry>(take.DlqIds.Count);
        var missing = new List<string>();
        foreach (string id in take.DlqIds)
        {
            if (found.TryGetValue(id, out DlqEntry? entry))
            {
                present.Add(entry);
            }
            else
            {
                missing.Add(id);
            }
        }

        return (present, missing);
    }
}
