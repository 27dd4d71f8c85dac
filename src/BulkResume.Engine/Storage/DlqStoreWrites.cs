using BulkResume.Engine.BulkActions;
using BulkResume.Engine.Selection;
namespace BulkResume.Engine.Storage;

/// <summary>The DLQ's core invariants, written once over any <see cref="IDlqStore"/>: every change the engine makes to a store.</summary>
/// <remarks>
/// Each write is one transaction over the store's primitives (<see cref="IDlqStore.WriteAsync"/>), so a store implements
/// locking and storage, never the rules: no DLQ id twice; a take by ids all or nothing when asked; every run made before
/// anything changes, so a rule that throws leaves the store as it was; each entry of a page checked again as it is locked;
/// and an entry taken by exactly one caller, however many race for it. The engine makes every change through this type,
/// and the conformance suite (<c>BulkResume.Engine.StoreConformance</c>) judges a store by running it over the store.
/// </remarks>
public sealed class DlqStoreWrites
{
    private readonly IDlqStore _store;

    /// <summary>Creates the writes of one store.</summary>
    /// <param name="store">The store they change.</param>
    public DlqStoreWrites(IDlqStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
    }

    /// <summary>Dead-letters <paramref name="entries"/>, recording each one's failed run; an id already in the DLQ, or given twice, adds nothing.</summary>
    /// <param name="entries">The entries, each one within what every store keeps (<see cref="ValueLimits"/>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the entries are stored.</returns>
    /// <exception cref="ArgumentException">An entry is <see langword="null"/>, breaks a rule of every store, or repeats a DLQ id; nothing was added.</exception>
    public ValueTask AddAsync(IReadOnlyList<DlqEntry> entries, CancellationToken cancellationToken = default) =>
        new(AddEntriesAsync(entries, unlessCanceled: false, cancellationToken).AsTask());

    /// <summary>
    /// Dead-letters the entries of runs that executed and failed, as <see cref="AddAsync"/>
    /// does, unless one of their runs was canceled meanwhile: a canceled run stays canceled and out of the DLQ.
    /// </summary>
    /// <returns><see langword="false"/> when a run was canceled and nothing was added.</returns>
    internal ValueTask<bool> AddUnlessCanceledAsync(IReadOnlyList<DlqEntry> entries, CancellationToken cancellationToken) =>
        AddEntriesAsync(entries, unlessCanceled: true, cancellationToken);

    private ValueTask<bool> AddEntriesAsync(IReadOnlyList<DlqEntry> entries, bool unlessCanceled, CancellationToken cancellationToken)
    {
        AddedEntries.Check(entries);
        return _store.WriteAsync(
            async transaction =>
            {
                IReadOnlyList<DlqEntry> present = await transaction.LockEntriesAsync(entries.Select(entry => entry.DlqId).ToArray()).ConfigureAwait(false);
                if (present.Count > 0)
                {
                    throw AddedEntries.Duplicate(present[0].DlqId);
                }

                IReadOnlyDictionary<string, RunRecord> existing = await transaction.GetRunsAsync(
                    entries.Select(entry => entry.WorkflowRunId).Distinct(StringComparer.Ordinal).ToArray()).ConfigureAwait(false);
                if (unlessCanceled && existing.Values.Any(run => run.State == RunState.Canceled))
                {
                    return false;
                }

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
            cancellationToken);
    }

    /// <summary>Takes the entries of <paramref name="dlqIds"/> still in the DLQ, storing the run <paramref name="makeRun"/> makes of each.</summary>
    /// <param name="dlqIds">The entries to take; an id given twice is taken once.</param>
    /// <param name="allOrNothing">Whether one missing id cancels the whole take.</param>
    /// <param name="makeRun">
    /// Makes the run that replaces a taken entry, or returns <see langword="null"/> to only remove it. It must be pure: a
    /// store may call it before it knows whether it commits, and more than once.
    /// </param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entries taken, in the order their ids were given, and the ids not in the DLQ.</returns>
    /// <exception cref="ArgumentException">An id is <see langword="null"/> or empty.</exception>
    public ValueTask<DlqTakeResult> TakeAsync(
        IReadOnlyList<string> dlqIds, bool allOrNothing, Func<DlqEntry, RunRecord?> makeRun, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dlqIds);
        ArgumentNullException.ThrowIfNull(makeRun);
        if (dlqIds.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("DLQ ids must not be null or empty; remove the empty ids.", nameof(dlqIds));
        }

        string[] ids = dlqIds.Distinct(StringComparer.Ordinal).ToArray();
        return _store.WriteAsync(
            async transaction =>
            {
                IReadOnlyList<DlqEntry> locked = await transaction.LockEntriesAsync(ids).ConfigureAwait(false);
                (IReadOnlyList<DlqEntry> present, IReadOnlyList<string> missing) = Split(ids, locked);
                return allOrNothing && missing.Count > 0
                    ? new DlqTakeResult([], missing)
                    : new DlqTakeResult(await TakeEntriesAsync(transaction, present, makeRun).ConfigureAwait(false), missing);
            },
            cancellationToken);
    }

    /// <summary>Takes the page of <paramref name="query"/> (what <see cref="IDlqStore.QueryAsync"/> would return), storing the run <paramref name="makeRun"/> makes of each entry.</summary>
    /// <remarks>
    /// Each entry is taken as it is when locked, so one another caller changed so that it no longer matches stays, and
    /// one another caller holds is passed over (it is theirs, or stays). The next page starts after the last key this
    /// page read within its limit.
    /// </remarks>
    /// <param name="query">The selection, the position after which the page starts and how many entries it holds.</param>
    /// <param name="makeRun">Makes the run that replaces a taken entry, or returns <see langword="null"/> to only remove it; pure, as for <see cref="TakeAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entries taken, in key order, and where the next page starts.</returns>
    /// <exception cref="DlqEngineException">The selection holds a blank, malformed or ambiguous value; nothing is taken.</exception>
    public ValueTask<DlqTakenPage> TakePageAsync(DlqQuery query, Func<DlqEntry, RunRecord?> makeRun, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(makeRun);

        // Public for store authors and tests, so it refuses what the engine refuses: a blank value would select everything.
        SelectionRules.Validate(query.Selection, int.MaxValue);
        return _store.WriteAsync(
            async transaction =>
            {
                (TakenEntry[] taken, DlqKey? next, _) = await TakeLockedPageAsync(transaction, query, boundary: null, makeRun).ConfigureAwait(false);
                return new DlqTakenPage(taken, next);
            },
            cancellationToken);
    }

    /// <summary>Stores a new bulk action, or finds the unfinished one of its key (an identical request).</summary>
    /// <param name="action">The action, not finished.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><paramref name="action"/> when stored, otherwise the unfinished action of its key.</returns>
    internal ValueTask<BulkActionRecord> AddBulkActionAsync(BulkActionRecord action, CancellationToken cancellationToken) =>
        _store.WriteAsync(transaction => transaction.AddBulkActionAsync(action), cancellationToken);

    /// <summary>
    /// One slice of a bulk action on entries: takes the page of <paramref name="query"/> up to
    /// <paramref name="boundary"/> (the last entry the action covers) as <see cref="TakePageAsync"/> does, and counts
    /// what it took into the action's progress in the same transaction, so a take is never counted twice or lost.
    /// </summary>
    /// <param name="actionId">The action whose progress the slice counts.</param>
    /// <param name="query">The action's selection (bounded above by the boundary's time), where the slice starts and how many entries it takes.</param>
    /// <param name="boundary">The last key the action covers.</param>
    /// <param name="makeRun">Makes the run that replaces a taken entry, or returns <see langword="null"/> to only remove it; pure, as for <see cref="TakeAsync"/>.</param>
    /// <param name="now">When the action finishes, if this slice finishes it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entries taken, where the next slice starts, and whether the action finished.</returns>
    /// <remarks>
    /// A slice from the start of the selection that reads no entry within the boundary, not even one another
    /// transaction holds, finishes the action.
    /// </remarks>
    internal ValueTask<BulkActionSlice> TakeActionSliceAsync(
        string actionId, DlqQuery query, DlqKey boundary, Func<DlqEntry, RunRecord?> makeRun, DateTimeOffset now, CancellationToken cancellationToken) =>
        _store.WriteAsync(
            async transaction =>
            {
                (TakenEntry[] taken, DlqKey? next, int read) = await TakeLockedPageAsync(transaction, query, boundary, makeRun).ConfigureAwait(false);
                bool finished = query.After is null && read == 0;
                if (taken.Length > 0 || finished)
                {
                    await transaction.AddBulkActionProgressAsync(actionId, taken.Length, finished ? now : null).ConfigureAwait(false);
                }

                return new BulkActionSlice(taken, next, finished);
            },
            cancellationToken);

    /// <summary>Replaces the entry with this id by what <paramref name="update"/> makes of it, and records its failed run anew.</summary>
    /// <remarks>Concurrent updates of one entry see each other's result.</remarks>
    /// <param name="dlqId">The entry's id.</param>
    /// <param name="update">Makes the new entry of the current one: same id, workflow URL and key, within the rules of <see cref="AddAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The updated entry, or <see langword="null"/> when the id is not in the DLQ.</returns>
    /// <exception cref="InvalidOperationException">The update moved, renamed or broke the entry; nothing was changed.</exception>
    public ValueTask<DlqEntry?> UpdateAsync(string dlqId, Func<DlqEntry, DlqEntry> update, CancellationToken cancellationToken = default) =>
        UpdateAsync(dlqId, update, alongside: null, cancellationToken);

    /// <summary>
    /// <see cref="UpdateAsync(string, Func{DlqEntry, DlqEntry}, CancellationToken)"/>, and <paramref name="alongside"/> in the
    /// same transaction once the entry is replaced (a failure call enqueued or dropped with its callback's new state).
    /// </summary>
    internal ValueTask<DlqEntry?> UpdateAsync(
        string dlqId, Func<DlqEntry, DlqEntry> update, Func<IDlqTransaction, DlqEntry, ValueTask>? alongside, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dlqId);
        ArgumentNullException.ThrowIfNull(update);
        return _store.WriteAsync(
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
                if (alongside is not null)
                {
                    await alongside(transaction, updated).ConfigureAwait(false);
                }

                return (DlqEntry?)updated;
            },
            cancellationToken);
    }

    /// <summary>
    /// Cancels the runs of <paramref name="workflowRunIds"/> that are in progress and <paramref name="selected"/>, at most
    /// <paramref name="max"/> of them in the order of the ids: each becomes <see cref="RunState.Canceled"/>, completed at
    /// <paramref name="canceledAt"/>.
    /// </summary>
    /// <remarks>
    /// Each run is read as it is when locked, so of concurrent cancels of one run exactly one cancels it; a run that is
    /// unknown, finished (canceled included) or no longer selected is skipped.
    /// </remarks>
    /// <returns>The runs canceled, as stored.</returns>
    internal ValueTask<IReadOnlyList<RunRecord>> CancelRunsAsync(
        IReadOnlyList<string> workflowRunIds, Func<RunRecord, bool> selected, DateTimeOffset canceledAt, int max, CancellationToken cancellationToken) =>
        _store.WriteAsync(transaction => CancelLockedAsync(transaction, workflowRunIds, selected, canceledAt, max), cancellationToken);

    /// <summary>
    /// One slice of a bulk cancel of runs: cancels the runs of <paramref name="workflowRunIds"/> as
    /// <see cref="CancelRunsAsync"/> does, and counts those it canceled into the action's progress in the same
    /// transaction, so a run is never counted twice or lost; with <paramref name="finishes"/>, it also finishes the action.
    /// </summary>
    /// <param name="actionId">The action whose progress the slice counts.</param>
    /// <param name="workflowRunIds">The runs a read of the action's selection found in progress.</param>
    /// <param name="covered">Whether a run, as locked, is still one the action covers (in progress, selected, within its boundary).</param>
    /// <param name="now">When the runs are canceled, and the action finishes if this slice finishes it.</param>
    /// <param name="finishes">Whether a read from the start of the selection found no run left beyond these.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The runs canceled, as stored.</returns>
    internal ValueTask<IReadOnlyList<RunRecord>> CancelActionSliceAsync(
        string actionId, IReadOnlyList<string> workflowRunIds, Func<RunRecord, bool> covered, DateTimeOffset now, bool finishes, CancellationToken cancellationToken) =>
        _store.WriteAsync(
            async transaction =>
            {
                IReadOnlyList<RunRecord> canceled = await CancelLockedAsync(transaction, workflowRunIds, covered, now, int.MaxValue).ConfigureAwait(false);
                if (canceled.Count > 0 || finishes)
                {
                    await transaction.AddBulkActionProgressAsync(actionId, canceled.Count, finishes ? now : null).ConfigureAwait(false);
                }

                return canceled;
            },
            cancellationToken);

    /// <summary>
    /// Stores the next version of a run that executes, unless the run was canceled meanwhile: a cancel is final, so an
    /// executing run never writes over it.
    /// </summary>
    /// <returns><see langword="false"/> when the run was canceled and nothing was written.</returns>
    internal ValueTask<bool> RecordRunAsync(RunRecord run, CancellationToken cancellationToken) =>
        _store.WriteAsync(
            async transaction =>
            {
                IReadOnlyDictionary<string, RunRecord> stored = await transaction.GetRunsAsync([run.WorkflowRunId]).ConfigureAwait(false);
                if (stored.GetValueOrDefault(run.WorkflowRunId)?.State == RunState.Canceled)
                {
                    return false;
                }

                await transaction.SaveRunsAsync([run]).ConfigureAwait(false);
                return true;
            },
            cancellationToken);

    /// <summary>Cancels, within <paramref name="transaction"/>, the runs of these ids that are in progress and selected, at most <paramref name="max"/>, in the order of the ids.</summary>
    private static async ValueTask<IReadOnlyList<RunRecord>> CancelLockedAsync(
        IDlqTransaction transaction, IReadOnlyList<string> workflowRunIds, Func<RunRecord, bool> selected, DateTimeOffset canceledAt, int max)
    {
        IReadOnlyDictionary<string, RunRecord> runs = await transaction.GetRunsAsync(workflowRunIds).ConfigureAwait(false);
        RunRecord[] canceled = workflowRunIds
            .Distinct(StringComparer.Ordinal)
            .Select(id => runs.GetValueOrDefault(id))
            .OfType<RunRecord>()
            .Where(run => run.State == RunState.Started && selected(run))
            .Take(max)
            .Select(run => run with { State = RunState.Canceled, CompletedAt = canceledAt })
            .ToArray();
        if (canceled.Length > 0)
        {
            await transaction.SaveRunsAsync(canceled).ConfigureAwait(false);

            // A canceled delivered run is delivered no further.
            foreach (RunRecord run in canceled.Where(run => run.Delivered is not null))
            {
                await transaction.RemoveRunDeliveriesAsync(run.WorkflowRunId).ConfigureAwait(false);
            }
        }

        return canceled;
    }

    /// <summary>
    /// Locks the page of <paramref name="query"/> (up to <paramref name="boundary"/>, the last key a bulk action covers, when
    /// given) and takes the entries that still match; <c>Read</c> counts the keys locked within the boundary, held by
    /// another caller or not.
    /// </summary>
    private static async ValueTask<(TakenEntry[] Taken, DlqKey? Next, int Read)> TakeLockedPageAsync(
        IDlqTransaction transaction, DlqQuery query, DlqKey? boundary, Func<DlqEntry, RunRecord?> makeRun)
    {
        IReadOnlyList<LockedEntry> read = await transaction.LockPageAsync(TakenPages.LookAhead(query)).ConfigureAwait(false);
        if (boundary is { } last)
        {
            // Keys come in order, so those within the boundary are a prefix; past it are entries that failed later.
            read = read.TakeWhile(entry => entry.Key.CompareTo(last) <= 0).ToArray();
        }

        (IReadOnlyList<LockedEntry> page, DlqKey? next) = TakenPages.Split(read, query, static entry => entry.Key);
        DlqEntry[] entries = page.Select(entry => entry.Entry).OfType<DlqEntry>().Where(query.Selection.Matches).ToArray();
        return (await TakeEntriesAsync(transaction, entries, makeRun).ConfigureAwait(false), next, read.Count);
    }

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

                // A delivered run's first delivery is enqueued with it: committed together, or neither.
                DeliveryRecord[] first = runs.Where(run => run.Delivered is not null).Select(run => Delivery.DeliveryPlan.First(run)).ToArray();
                if (first.Length > 0)
                {
                    await transaction.AddDeliveriesAsync(first).ConfigureAwait(false);
                }
            }
        }

        return taken;
    }

    /// <summary>The entries present and the ids missing, both in the order of <paramref name="ids"/>.</summary>
    private static (IReadOnlyList<DlqEntry> Present, IReadOnlyList<string> Missing) Split(string[] ids, IReadOnlyList<DlqEntry> found)
    {
        var byId = new Dictionary<string, DlqEntry>(found.Count, StringComparer.Ordinal);
        foreach (DlqEntry entry in found)
        {
            byId[entry.DlqId] = entry;
        }

        var present = new List<DlqEntry>(found.Count);
        var missing = new List<string>();
        foreach (string id in ids)
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

/// <summary>
/// How a take reads its page: one entry more than the query's limit, so that the extra entry, which stays, tells whether
/// the selection continues after the page.
/// </summary>
internal static class TakenPages
{
    /// <summary>The query to read: the page's selection and position, and one more than its limit (the query itself when its limit is <see cref="int.MaxValue"/>: no page can hold more).</summary>
    public static DlqQuery LookAhead(DlqQuery query) =>
        query.Limit == int.MaxValue ? query : new DlqQuery(query.Selection, query.After, query.Limit + 1);

    /// <summary>Splits what <see cref="LookAhead"/> read into the page to take and where the next page starts.</summary>
    public static (IReadOnlyList<T> Page, DlqKey? Next) Split<T>(IReadOnlyList<T> read, DlqQuery query, Func<T, DlqKey> key)
    {
        if (read.Count <= query.Limit)
        {
            return (read, null);
        }

        T[] page = read.Take(query.Limit).ToArray();
        return (page, key(page[^1]));
    }
}
