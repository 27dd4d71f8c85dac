using BulkResume.Engine.Model;
using BulkResume.Engine.Selection;

namespace BulkResume.Engine.Storage;

/// <summary>
/// Every change the engine makes to a store, each one transaction over the store's primitives, written once for every
/// store: dead-lettering (no id twice, each entry's failed run recorded), the take by ids (all or nothing when asked),
/// the take of a page by criteria (each entry checked as it is locked, the cursor after what was read), and the update
/// of one entry. Each reads and makes everything first, then changes: a rule that throws leaves the store as it was.
/// </summary>
internal static class DlqStoreWrites
{
    /// <summary>Dead-letters <paramref name="entries"/>, recording each one's failed run; an id already in the DLQ, or given twice, adds nothing.</summary>
    public static ValueTask AddAsync(this IDlqStore store, IReadOnlyList<DlqEntry> entries, CancellationToken cancellationToken = default)
    {
        AddedEntries.CheckDistinct(entries);
        return new ValueTask(store.WriteAsync(
            async transaction =>
            {
                IReadOnlyList<DlqEntry> present = await transaction.LockEntriesAsync(entries.Select(entry => entry.DlqId).ToArray()).ConfigureAwait(false);
                if (present.Count > 0)
                {
                    throw AddedEntries.Duplicate(present[0].DlqId);
                }

                IReadOnlyDictionary<string, RunRecord> existing = await transaction.GetRunsAsync(
                    entries.Select(entry => entry.WorkflowRunId).Distinct(StringComparer.Ordinal).ToArray()).ConfigureAwait(false);

                // In order, so that two entries of one run leave the second one's.
                var failedRuns = new Dictionary<string, RunRecord>(StringComparer.Ordinal);
                foreach (DlqEntry entry in entries)
                {
                    failedRuns[entry.WorkflowRunId] = DeadLetteredRun.Of(entry, failedRuns.GetValueOrDefault(entry.WorkflowRunId) ?? existing.GetValueOrDefault(entry.WorkflowRunId));
                }

                await transaction.AddEntriesAsync(entries).ConfigureAwait(false);
                await transaction.SaveRunsAsync(failedRuns.Values.ToArray()).ConfigureAwait(false);
                return true;
            },
            cancellationToken).AsTask());
    }

    /// <summary>
    /// Takes the entries of <paramref name="take"/>'s ids still in the DLQ, storing the run its maker makes of each; with
    /// all-or-nothing, a missing id changes nothing. An entry is taken by exactly one caller, however many race for it.
    /// </summary>
    public static ValueTask<DlqTakeResult> TakeAsync(this IDlqStore store, DlqTake take, CancellationToken cancellationToken = default) =>
        store.WriteAsync(
            async transaction =>
            {
                IReadOnlyList<DlqEntry> locked = await transaction.LockEntriesAsync(take.DlqIds).ConfigureAwait(false);
                (IReadOnlyList<DlqEntry> present, IReadOnlyList<string> missing) = FoundEntries.Split(take, locked);
                if (take.AllOrNothing && missing.Count > 0)
                {
                    return new DlqTakeResult([], missing);
                }

                return new DlqTakeResult(await TakeEntriesAsync(transaction, present, take.MakeRun).ConfigureAwait(false), missing);
            },
            cancellationToken);

    /// <summary>
    /// Takes the page of <paramref name="query"/> (what <see cref="IDlqStore.QueryAsync"/> would return), storing the run
    /// <paramref name="makeRun"/> makes of each entry. Each entry is taken as it is when locked, so one another caller
    /// changed so that it no longer matches stays, and one another caller holds is passed over (it is theirs, or stays).
    /// The next page starts after the last key this page read within its limit.
    /// </summary>
    public static ValueTask<DlqTakenPage> TakePageAsync(
        this IDlqStore store, DlqQuery query, Func<DlqEntry, RunRecord?> makeRun, CancellationToken cancellationToken = default) =>
        store.WriteAsync(
            async transaction =>
            {
                (IReadOnlyList<LockedEntry> page, DlqKey? next) = TakenPages.Split(
                    await transaction.LockPageAsync(TakenPages.LookAhead(query)).ConfigureAwait(false), query, static read => read.Key);
                DlqEntry[] entries = page.Select(read => read.Entry).OfType<DlqEntry>().Where(query.Selection.Matches).ToArray();
                return new DlqTakenPage(await TakeEntriesAsync(transaction, entries, makeRun).ConfigureAwait(false), next);
            },
            cancellationToken);

    /// <summary>
    /// Replaces the entry with this id by what <paramref name="update"/> makes of it (same id, workflow URL and key), and
    /// records its failed run anew; concurrent updates of one entry see each other's result.
    /// </summary>
    /// <returns>The updated entry, or <see langword="null"/> when the id is not in the DLQ.</returns>
    public static ValueTask<DlqEntry?> UpdateAsync(
        this IDlqStore store, string dlqId, Func<DlqEntry, DlqEntry> update, CancellationToken cancellationToken = default) =>
        store.WriteAsync(
            async transaction =>
            {
                if ((await transaction.LockEntriesAsync([dlqId]).ConfigureAwait(false)) is not [DlqEntry current])
                {
                    return null;
                }

                DlqEntry updated = UpdatedEntry.Check(current, update(current));
                IReadOnlyDictionary<string, RunRecord> runs = await transaction.GetRunsAsync([updated.WorkflowRunId]).ConfigureAwait(false);
                await transaction.ReplaceEntryAsync(updated).ConfigureAwait(false);

                // While its entry is in the DLQ, the failed run is what the entry says (its failure callback's state, too).
                await transaction.SaveRunsAsync([DeadLetteredRun.Of(updated, runs.GetValueOrDefault(updated.WorkflowRunId))]).ConfigureAwait(false);
                return (DlqEntry?)updated;
            },
            cancellationToken);

    /// <summary>Makes every run before changing anything, then removes the entries and stores the runs.</summary>
    private static async ValueTask<TakenEntry[]> TakeEntriesAsync(IDlqTransaction transaction, IReadOnlyList<DlqEntry> entries, Func<DlqEntry, RunRecord?> makeRun)
    {
        TakenEntry[] taken = entries.Select(entry => new TakenEntry(entry, makeRun(entry))).ToArray();
        if (taken.Length > 0)
        {
            await transaction.RemoveEntriesAsync(entries).ConfigureAwait(false);
            RunRecord[] runs = taken.Select(item => item.Run).OfType<RunRecord>().ToArray();
            if (runs.Length > 0)
            {
                await transaction.SaveRunsAsync(runs).ConfigureAwait(false);
            }
        }

        return taken;
    }
}
