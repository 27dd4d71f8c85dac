using BulkResume.Engine.Model;

namespace BulkResume.Engine.Storage;

/// <summary>What a take by ids found: the entries present and the ids missing, both in the order of <see cref="DlqTake.DlqIds"/>.</summary>
internal static class FoundEntries
{
    public static (IReadOnlyList<DlqEntry> Present, IReadOnlyList<string> Missing) Split(DlqTake take, IReadOnlyList<DlqEntry> found)
    {
        var byId = new Dictionary<string, DlqEntry>(found.Count, StringComparer.Ordinal);
        foreach (DlqEntry entry in found)
        {
            byId[entry.DlqId] = entry;
        }

        var present = new List<DlqEntry>(found.Count);
        var missing = new List<string>();
        foreach (string id in take.DlqIds)
        {
            if (byId.TryGetValue(id, out DlqEntry? entry))
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
