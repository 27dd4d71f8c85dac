using BulkResume.Engine.Model;

namespace BulkResume.Engine.Storage;

/// <summary>The rules of an update (<see cref="DlqStoreWrites.UpdateAsync(string, Func{DlqEntry, DlqEntry}, CancellationToken)"/>): it may not move, rename or break an entry.</summary>
internal static class UpdatedEntry
{
    /// <summary>Returns <paramref name="updated"/> when it keeps the id, workflow URL and key of <paramref name="current"/> and every store keeps it.</summary>
    /// <param name="current">The entry as stored.</param>
    /// <param name="updated">What the update made of it.</param>
    /// <returns><paramref name="updated"/>.</returns>
    /// <exception cref="InvalidOperationException">The update changed the id, the workflow URL or the failure time, or broke a rule of <see cref="DlqEntryRules"/>.</exception>
    public static DlqEntry Check(DlqEntry current, DlqEntry updated)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(updated);
        if (updated.DlqId != current.DlqId || updated.WorkflowUrl != current.WorkflowUrl || DlqKey.Of(updated) != DlqKey.Of(current))
        {
            throw new InvalidOperationException(
                $"An update of DLQ entry {current.DlqId} changed its id, workflow URL or failure time; an update may change only the entry's other fields.");
        }

        return DlqEntryRules.Problem(updated) is { } problem
            ? throw new InvalidOperationException($"An update of DLQ entry {current.DlqId} broke it: {problem}")
            : updated;
    }
}
