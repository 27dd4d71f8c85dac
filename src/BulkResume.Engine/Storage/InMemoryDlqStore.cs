using BulkResume.Engine.Model;
using BulkResume.Engine.Selection;

namespace BulkResume.Engine.Storage;

/// <summary>
/// An <see cref="IDlqStore"/> in process memory, safe for concurrent callers. Entries are kept in key order (and per
/// workflow URL), so a page costs O(log n + page) however deep the cursor is; filters other than the workflow URL
/// and the date range are checked entry by entry while walking.
/// </summary>
public sealed class InMemoryDlqStore : IDlqStore, IResettableDlqStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, DlqEntry> _entriesById = new(StringComparer.Ordinal);
    private readonly SortedSet<DlqEntry> _entriesByKey = new(DlqEntryKeyComparer.Instance);
    private readonly Dictionary<string, SortedSet<DlqEntry>> _entriesByUrl = new(StringComparer.Ordinal);
    // A run slot is a stored WorkflowRun, or the DlqEntry whose failed run (RUN_FAILED, triggered) is derived from it.
    private readonly SortedSet<object> _runs = new(RunIdComparer.Instance);

    /// <inheritdoc/>
    public ValueTask AddAsync(IReadOnlyList<DlqEntry> entries, CancellationToken cancellationToken = default)
    {
        AddedEntries.CheckDistinct(entries);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            foreach (DlqEntry entry in entries)
            {
                if (_entriesById.ContainsKey(entry.DlqId))
                {
                    throw AddedEntries.Duplicate(entry.DlqId);
                }
            }

            foreach (DlqEntry entry in entries)
            {
                Insert(entry);
                WorkflowRun? existing = _runs.TryGetValue(entry.WorkflowRunId, out object? slot) ? RunIdComparer.RunOf(slot) : null;
                if (existing is null || (existing.Origin == WorkflowRunOrigin.Triggered && existing.SourceDlqId is null))
                {
                    // The failed run is exactly what DeadLetteredRun makes of the entry: keep the entry in its slot.
                    StoreSlot(entry);
                }
                else
                {
                    StoreSlot(DeadLetteredRun.Of(entry, existing));
                }
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<DlqEntry?> GetAsync(string dlqId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dlqId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult(_entriesById.GetValueOrDefault(dlqId));
        }
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<DlqEntry>> QueryAsync(DlqQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult<IReadOnlyList<DlqEntry>>(Find(query));
        }
    }

    /// <inheritdoc/>
    public ValueTask<DlqTakeResult> TakeAsync(DlqTake take, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(take);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var (present, missing) = FoundEntries.Split(take, _entriesById);
            if (take.AllOrNothing && missing.Count > 0)
            {
                return ValueTask.FromResult(new DlqTakeResult([], missing));
            }

            return ValueTask.FromResult(new DlqTakeResult(Take(present, take.MakeRun), missing));
        }
    }

    /// <inheritdoc/>
    public ValueTask<DlqTakenPage> TakePageAsync(DlqQuery query, Func<DlqEntry, WorkflowRun?> makeRun, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(makeRun);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            DlqQuery lookAhead = TakenPages.LookAhead(query);
            (IReadOnlyList<DlqEntry> page, DlqKey? next) = TakenPages.Split(Find(lookAhead), query, DlqKey.Of);
            return ValueTask.FromResult(new DlqTakenPage(Take(page, makeRun), next));
        }
    }

    /// <inheritdoc/>
    public ValueTask<DlqEntry?> UpdateAsync(string dlqId, Func<DlqEntry, DlqEntry> update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dlqId);
        ArgumentNullException.ThrowIfNull(update);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_entriesById.TryGetValue(dlqId, out DlqEntry? current))
            {
                return ValueTask.FromResult<DlqEntry?>(null);
            }

            DlqEntry updated = UpdatedEntry.Check(current, update(current));
            Remove(current);
            Insert(updated);

            // While its entry is in the DLQ, the failed run is what the entry says (its failure callback's state, too).
            object slot = _runs.TryGetValue(current.WorkflowRunId, out object? found) ? found : current;
            StoreSlot(ReferenceEquals(slot, current) ? updated : DeadLetteredRun.Of(updated, RunIdComparer.RunOf(slot)));
            return ValueTask.FromResult<DlqEntry?>(updated);
        }
    }

    /// <inheritdoc/>
    public ValueTask ResetAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _entriesById.Clear();
            _entriesByKey.Clear();
            _entriesByUrl.Clear();
            _runs.Clear();
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<WorkflowRun?> GetRunAsync(string workflowRunId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflowRunId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult(_runs.TryGetValue(workflowRunId, out object? slot) ? RunIdComparer.RunOf(slot) : null);
        }
    }

    /// <inheritdoc/>
    public ValueTask SaveRunAsync(WorkflowRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            StoreRun(run);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<WorkflowRun>> QueryRunsAsync(RunQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        cancellationToken.ThrowIfCancellationRequested();
        RunSelection selection = query.Selection;
        var page = new List<WorkflowRun>(Math.Min(query.Limit, 1024));
        lock (_gate)
        {
            foreach (object slot in Candidates(selection, query.After))
            {
                WorkflowRun run = RunIdComparer.RunOf(slot);
                if (page.Count == query.Limit)
                {
                    break;
                }

                if ((query.After is null || string.CompareOrdinal(run.WorkflowRunId, query.After) > 0) && selection.Matches(run))
                {
                    page.Add(run);
                }
            }
        }

        return ValueTask.FromResult<IReadOnlyList<WorkflowRun>>(page);
    }

    /// <inheritdoc/>
    public ValueTask<DlqStoreStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var byState = new Dictionary<RunState, long>();
            var byOrigin = new Dictionary<WorkflowRunOrigin, long>();
            foreach (object slot in _runs)
            {
                // A derived failed run needs no object to be counted: it is RUN_FAILED and triggered.
                (RunState state, WorkflowRunOrigin origin) = slot is WorkflowRun stored ? (stored.State, stored.Origin) : (RunState.RunFailed, WorkflowRunOrigin.Triggered);
                byState[state] = byState.GetValueOrDefault(state) + 1;
                byOrigin[origin] = byOrigin.GetValueOrDefault(origin) + 1;
            }

            return ValueTask.FromResult(new DlqStoreStatistics(_entriesById.Count, byState, byOrigin));
        }
    }

    /// <summary>The run slots that may hold a page of <paramref name="selection"/> after <paramref name="after"/>, in run-id order; called under the gate.</summary>
    private IEnumerable<object> Candidates(RunSelection selection, string? after)
    {
        IEnumerable<string>? ids = selection.Runs.Count > 0 ? selection.Runs.Select(run => run.WorkflowRunId)
            : selection.WorkflowRunId is { } id ? [id]
            : null;
        if (ids is not null)
        {
            return ids.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
                .Select(runId => _runs.TryGetValue(runId, out object? slot) ? slot : null)
                .OfType<object>();
        }

        return _runs.Count == 0 || (after is not null && string.CompareOrdinal(after, RunIdComparer.IdOf(_runs.Max!)) >= 0)
            ? []
            : _runs.GetViewBetween(after ?? RunIdComparer.IdOf(_runs.Min!), _runs.Max!);
    }

    /// <summary>Removes <paramref name="entries"/> and stores the runs made of them; called under the gate.</summary>
    private TakenEntry[] Take(IReadOnlyList<DlqEntry> entries, Func<DlqEntry, WorkflowRun?> makeRun)
    {
        // Make every run before changing anything, so that a throwing makeRun leaves the store as it was.
        TakenEntry[] taken = entries.Select(entry => new TakenEntry(entry, makeRun(entry))).ToArray();
        foreach (TakenEntry item in taken)
        {
            KeepFailedRun(item.Entry);
            Remove(item.Entry);
            if (item.Run is not null)
            {
                StoreRun(item.Run);
            }
        }

        return taken;
    }

    /// <summary>The entries a query selects, in key order; called under the gate.</summary>
    private List<DlqEntry> Find(DlqQuery query) => query.Selection.IsByIds ? QueryByIds(query) : QueryByFilter(query);

    private List<DlqEntry> QueryByIds(DlqQuery query) =>
        query.Selection.DlqIds
            .Select(id => _entriesById.GetValueOrDefault(id))
            .OfType<DlqEntry>()
            .Where(entry => query.After is not { } after || DlqKey.Of(entry) > after)
            .Order(DlqEntryKeyComparer.Instance)
            .Take(query.Limit)
            .ToList();

    private List<DlqEntry> QueryByFilter(DlqQuery query)
    {
        DlqSelection selection = query.Selection;
        IEnumerable<SortedSet<DlqEntry>> sources = selection.WorkflowUrls.Count == 0
            ? [_entriesByKey]
            : selection.WorkflowUrls.Select(url => _entriesByUrl.GetValueOrDefault(url)).OfType<SortedSet<DlqEntry>>();

        var page = new List<DlqEntry>();
        foreach (SortedSet<DlqEntry> source in sources)
        {
            page.AddRange(Walk(source, query).Take(query.Limit));
        }

        // Several URL indexes each gave their first entries; merge them into one page.
        if (selection.WorkflowUrls.Count > 1)
        {
            page.Sort(DlqEntryKeyComparer.Instance);
            if (page.Count > query.Limit)
            {
                page.RemoveRange(query.Limit, page.Count - query.Limit);
            }
        }

        return page;
    }

    /// <summary>The selected entries of one sorted source strictly after the query's position, in key order.</summary>
    private static IEnumerable<DlqEntry> Walk(SortedSet<DlqEntry> source, DlqQuery query)
    {
        DlqSelection selection = query.Selection;
        if (source.Count == 0)
        {
            yield break;
        }

        // The empty id sorts before every real id, so (time, "") is the first position at that time.
        DlqEntry lower = DlqEntryKeyComparer.Probe(new DlqKey(selection.FromDate ?? source.Min!.CreatedAt, string.Empty));
        if (query.After is { } after && DlqKey.Of(lower) < after)
        {
            lower = DlqEntryKeyComparer.Probe(after);
        }

        DlqEntry upper = selection.ToDate is { } to && to < DateTimeOffset.MaxValue
            ? DlqEntryKeyComparer.Probe(new DlqKey(to.AddTicks(1), string.Empty))
            : source.Max!;
        if (DlqEntryKeyComparer.Instance.Compare(lower, upper) > 0)
        {
            yield break;
        }

        foreach (DlqEntry entry in source.GetViewBetween(lower, upper))
        {
            if ((query.After is not { } position || DlqKey.Of(entry) > position) && selection.Matches(entry))
            {
                yield return entry;
            }
        }
    }

    private void Insert(DlqEntry entry)
    {
        _entriesById.Add(entry.DlqId, entry);
        _entriesByKey.Add(entry);
        if (!_entriesByUrl.TryGetValue(entry.WorkflowUrl, out SortedSet<DlqEntry>? byUrl))
        {
            byUrl = new SortedSet<DlqEntry>(DlqEntryKeyComparer.Instance);
            _entriesByUrl.Add(entry.WorkflowUrl, byUrl);
        }

        byUrl.Add(entry);
    }

    private void Remove(DlqEntry entry)
    {
        _entriesById.Remove(entry.DlqId);
        _entriesByKey.Remove(entry);
        SortedSet<DlqEntry> byUrl = _entriesByUrl[entry.WorkflowUrl];
        byUrl.Remove(entry);
        if (byUrl.Count == 0)
        {
            _entriesByUrl.Remove(entry.WorkflowUrl);
        }
    }

    private void StoreRun(WorkflowRun run) => StoreSlot(run);

    private void StoreSlot(object slot)
    {
        _runs.Remove(slot);
        _runs.Add(slot);
    }

    /// <summary>
    /// Before an entry leaves the DLQ or changes, its failed run, if derived from it, becomes a stored run: the run
    /// outlives the entry, and keeps the values the entry had when it was dead-lettered.
    /// </summary>
    private void KeepFailedRun(DlqEntry entry)
    {
        if (_runs.TryGetValue(entry.WorkflowRunId, out object? slot) && ReferenceEquals(slot, entry))
        {
            StoreSlot(DeadLetteredRun.Of(entry, existing: null));
        }
    }
}
