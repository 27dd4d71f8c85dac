namespace BulkResume.Engine.Storage;

/// <summary>An <see cref="IDlqStore"/> in process memory, safe for concurrent callers.</summary>
/// <remarks>
/// Entries are kept in key order (and per workflow URL), so a page costs O(log n + page) however deep the cursor is;
/// filters other than the workflow URL and the date range are checked entry by entry while walking.
/// </remarks>
public sealed class InMemoryDlqStore : IDlqStore, IResettableDlqStore
{
    private readonly object _gate = new();
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly Dictionary<string, DlqEntry> _entriesById = new(StringComparer.Ordinal);
    private readonly SortedSet<DlqEntry> _entriesByKey = new(DlqEntryKeyComparer.Instance);
    private readonly Dictionary<string, SortedSet<DlqEntry>> _entriesByUrl = new(StringComparer.Ordinal);
    // A run slot is a stored RunRecord, or the DlqEntry whose failed run (RUN_FAILED, triggered) is derived from it.
    private readonly SortedSet<object> _runs = new(RunIdComparer.Instance);
    private readonly SortedDictionary<string, BulkActionRecord> _actions = new(StringComparer.Ordinal);
    private readonly InMemoryDeliveries _deliveries = new();

    /// <inheritdoc/>
    ValueTask<DlqEntry?> IDlqStore.GetAsync(string dlqId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dlqId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult(_entriesById.GetValueOrDefault(dlqId));
        }
    }

    /// <inheritdoc/>
    ValueTask<IReadOnlyList<DlqEntry>> IDlqStore.QueryAsync(DlqQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult<IReadOnlyList<DlqEntry>>(Find(query));
        }
    }

    /// <inheritdoc/>
    async ValueTask<T> IDlqStore.WriteAsync<T>(Func<IDlqTransaction, ValueTask<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // One writer at a time, and nothing changes until the work returned: what it read stays true until it commits.
            var transaction = new Transaction(this, cancellationToken);
            T result = await work(transaction).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            lock (_gate)
            {
                transaction.Commit();
            }

            return result;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <inheritdoc/>
    async ValueTask IResettableDlqStore.ResetAsync(CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            lock (_gate)
            {
                _entriesById.Clear();
                _entriesByKey.Clear();
                _entriesByUrl.Clear();
                _runs.Clear();
                _actions.Clear();
                _deliveries.Clear();
            }
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <inheritdoc/>
    ValueTask<RunRecord?> IDlqStore.GetRunAsync(string workflowRunId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workflowRunId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult(_runs.TryGetValue(workflowRunId, out object? slot) ? RunIdComparer.RunOf(slot) : null);
        }
    }

    /// <inheritdoc/>
    async ValueTask IDlqStore.SaveRunAsync(RunRecord run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            lock (_gate)
            {
                StoreSlot(run);
            }
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <inheritdoc/>
    ValueTask<IReadOnlyList<RunRecord>> IDlqStore.QueryRunsAsync(RunQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        cancellationToken.ThrowIfCancellationRequested();
        RunSelection selection = query.Selection;
        var page = new List<RunRecord>(Math.Min(query.Limit, 1024));
        lock (_gate)
        {
            foreach (object slot in Candidates(selection, query.After))
            {
                RunRecord run = RunIdComparer.RunOf(slot);
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

        return ValueTask.FromResult<IReadOnlyList<RunRecord>>(page);
    }

    /// <inheritdoc/>
    ValueTask<BulkActionRecord?> IDlqStore.GetBulkActionAsync(string actionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actionId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult(_actions.GetValueOrDefault(actionId));
        }
    }

    /// <inheritdoc/>
    ValueTask<IReadOnlyList<BulkActionRecord>> IDlqStore.QueryBulkActionsAsync(
        DateTimeOffset createdSince, string? beforeActionId, bool unfinishedOnly, int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult<IReadOnlyList<BulkActionRecord>>(_actions.Values
                .Reverse()
                .Where(action => (beforeActionId is null || string.CompareOrdinal(action.ActionId, beforeActionId) < 0)
                    && action.CreatedAt >= createdSince
                    && (!unfinishedOnly || action.CompletedAt is null))
                .Take(limit)
                .ToArray());
        }
    }

    /// <inheritdoc/>
    ValueTask<DlqStoreStatistics> IDlqStore.GetStatisticsAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var byState = new Dictionary<RunState, long>();
            var byOrigin = new Dictionary<WorkflowRunOrigin, long>();
            foreach (object slot in _runs)
            {
                // A derived failed run needs no object to be counted: it is RUN_FAILED and triggered.
                (RunState state, WorkflowRunOrigin origin) = slot is RunRecord stored ? (stored.State, stored.Origin) : (RunState.Failed, WorkflowRunOrigin.Triggered);
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
            : selection.WorkflowRunIds.Count > 0 ? selection.WorkflowRunIds
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

    /// <summary>The entries a query selects, in key order; called under the gate.</summary>
    private List<DlqEntry> Find(DlqQuery query) => query.Selection.IsByIds ? QueryByIds(query) : QueryByFilter(query);

    private List<DlqEntry> QueryByIds(DlqQuery query) =>
        query.Selection.DlqIds
            .Select(id => _entriesById.GetValueOrDefault(id))
            .OfType<DlqEntry>()
            .Where(entry => query.After is not { } after || DlqKey.Of(entry).CompareTo(after) > 0)
            .Order(DlqEntryKeyComparer.Instance)
            .Take(query.Limit)
            .ToList();

    private List<DlqEntry> QueryByFilter(DlqQuery query)
    {
        DlqSelection selection = query.Selection;
        IEnumerable<SortedSet<DlqEntry>> sources = selection.WorkflowUrls.Count == 0
            ? [_entriesByKey]
            : selection.WorkflowUrls.Select(url => _entriesByUrl.GetValueOrDefault(url)).OfType<SortedSet<DlqEntry>>();

        var page = new List<DlqEntry>(Math.Min(query.Limit, 1024));
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
        if (query.After is { } after && DlqKey.Of(lower).CompareTo(after) < 0)
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
            if ((query.After is not { } position || DlqKey.Of(entry).CompareTo(position) > 0) && selection.Matches(entry))
            {
                yield return entry;
            }
        }
    }

    /// <inheritdoc/>
    ValueTask<IReadOnlyList<DeliveryRecord>> IDlqStore.GetDeliveriesAsync(string workflowRunId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workflowRunId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult(_deliveries.OfRun(workflowRunId));
        }
    }

    /// <inheritdoc/>
    ValueTask<DateTimeOffset?> IDlqStore.GetNextDeliveryTimeAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult(_deliveries.NextClaimableAt());
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

    /// <summary>
    /// A write of this store: reads see the store as committed (only one writer runs, and it changes nothing until it
    /// commits), changes are kept and applied at once, under the gate, when the work returns.
    /// </summary>
    private sealed class Transaction(InMemoryDlqStore store, CancellationToken cancellationToken) : IDlqTransaction
    {
        private readonly List<DlqEntry> _added = [];
        private readonly List<DlqEntry> _removed = [];
        private readonly List<DlqEntry> _replaced = [];
        private readonly Dictionary<string, RunRecord> _runs = new(StringComparer.Ordinal);
        private readonly List<BulkActionRecord> _addedActions = [];
        private readonly List<(string ActionId, long Processed, DateTimeOffset? CompletedAt)> _progress = [];
        private readonly InMemoryDeliveries.Changes _deliveryChanges = new();

        public CancellationToken CancellationToken => cancellationToken;

        public ValueTask<IReadOnlyList<DlqEntry>> LockEntriesAsync(IReadOnlyList<string> dlqIds)
        {
            cancellationToken.ThrowIfCancellationRequested();
            lock (store._gate)
            {
                return ValueTask.FromResult<IReadOnlyList<DlqEntry>>(dlqIds.Select(id => store._entriesById.GetValueOrDefault(id)).OfType<DlqEntry>().ToArray());
            }
        }

        public ValueTask<IReadOnlyList<LockedEntry>> LockPageAsync(DlqQuery query)
        {
            cancellationToken.ThrowIfCancellationRequested();
            lock (store._gate)
            {
                return ValueTask.FromResult<IReadOnlyList<LockedEntry>>(store.Find(query).ConvertAll(entry => new LockedEntry(DlqKey.Of(entry), entry)));
            }
        }

        public ValueTask<IReadOnlyDictionary<string, RunRecord>> GetRunsAsync(IReadOnlyList<string> workflowRunIds)
        {
            var found = new Dictionary<string, RunRecord>(StringComparer.Ordinal);
            lock (store._gate)
            {
                foreach (string id in workflowRunIds)
                {
                    if (_runs.TryGetValue(id, out RunRecord? saved) || (store._runs.TryGetValue(id, out object? slot) && (saved = RunIdComparer.RunOf(slot)) is not null))
                    {
                        found[id] = saved;
                    }
                }
            }

            return ValueTask.FromResult<IReadOnlyDictionary<string, RunRecord>>(found);
        }

        public ValueTask AddEntriesAsync(IReadOnlyList<DlqEntry> entries)
        {
            _added.AddRange(entries);
            return ValueTask.CompletedTask;
        }

        public ValueTask RemoveEntriesAsync(IReadOnlyList<DlqEntry> entries)
        {
            _removed.AddRange(entries);
            return ValueTask.CompletedTask;
        }

        public ValueTask ReplaceEntryAsync(DlqEntry entry)
        {
            _replaced.Add(entry);
            return ValueTask.CompletedTask;
        }

        public ValueTask SaveRunsAsync(IReadOnlyList<RunRecord> runs)
        {
            _runs.EnsureCapacity(_runs.Count + runs.Count);
            foreach (RunRecord run in runs)
            {
                _runs[run.WorkflowRunId] = run;
            }

            return ValueTask.CompletedTask;
        }

        public ValueTask<BulkActionRecord> AddBulkActionAsync(BulkActionRecord action)
        {
            ArgumentNullException.ThrowIfNull(action);
            lock (store._gate)
            {
                BulkActionRecord? running = store._actions.Values.Concat(_addedActions)
                    .FirstOrDefault(stored => stored.CompletedAt is null && string.Equals(stored.Key, action.Key, StringComparison.Ordinal));
                if (running is null)
                {
                    _addedActions.Add(action);
                }

                return ValueTask.FromResult(running ?? action);
            }
        }

        public ValueTask AddBulkActionProgressAsync(string actionId, long processed, DateTimeOffset? completedAt)
        {
            _progress.Add((actionId, processed, completedAt));
            return ValueTask.CompletedTask;
        }

        public ValueTask AddDeliveriesAsync(IReadOnlyList<DeliveryRecord> deliveries)
        {
            ArgumentNullException.ThrowIfNull(deliveries);
            _deliveryChanges.Add(deliveries);
            return ValueTask.CompletedTask;
        }

        public ValueTask<IReadOnlyList<DeliveryRecord>> ClaimDeliveriesAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int limit)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
            lock (store._gate)
            {
                return ValueTask.FromResult(store._deliveries.Claim(_deliveryChanges, now, leaseUntil, limit));
            }
        }

        public ValueTask<bool> ReplaceDeliveryAsync(DeliveryRecord delivery)
        {
            ArgumentNullException.ThrowIfNull(delivery);
            lock (store._gate)
            {
                return ValueTask.FromResult(store._deliveries.Replace(_deliveryChanges, delivery));
            }
        }

        public ValueTask<int> RemoveDeliveriesAsync(IReadOnlyList<string> messageIds)
        {
            ArgumentNullException.ThrowIfNull(messageIds);
            lock (store._gate)
            {
                return ValueTask.FromResult(store._deliveries.Remove(_deliveryChanges, messageIds));
            }
        }

        public ValueTask<int> RemoveRunDeliveriesAsync(string workflowRunId)
        {
            ArgumentNullException.ThrowIfNull(workflowRunId);
            lock (store._gate)
            {
                return ValueTask.FromResult(store._deliveries.Remove(_deliveryChanges, store._deliveries.MessageIdsOfRun(_deliveryChanges, workflowRunId)));
            }
        }

        /// <summary>Applies the changes; called under the gate.</summary>
        public void Commit()
        {
            store._deliveries.Apply(_deliveryChanges);

            foreach (BulkActionRecord action in _addedActions)
            {
                store._actions.Add(action.ActionId, action);
            }

            foreach ((string actionId, long processed, DateTimeOffset? completedAt) in _progress)
            {
                if (store._actions.TryGetValue(actionId, out BulkActionRecord? action))
                {
                    store._actions[actionId] = new BulkActionRecord(
                        action.ActionId, action.Key, action.Definition, action.Total, action.Processed + processed, action.CreatedAt, action.CompletedAt ?? completedAt);
                }
            }

            foreach (DlqEntry entry in _removed)
            {
                store.KeepFailedRun(entry);
                store.Remove(entry);
            }

            foreach (DlqEntry entry in _replaced)
            {
                store.Remove(store._entriesById[entry.DlqId]);
                store.Insert(entry);
            }

            foreach (DlqEntry entry in _added)
            {
                store.Insert(entry);
            }

            foreach (RunRecord run in _runs.Values)
            {
                // The failed run of an entry in the DLQ is derived from the entry when read: keep the entry in its slot
                // instead of a run object, so a large DLQ doesn't hold every failed run twice.
                store.StoreSlot(run.DlqId is { } dlqId && store._entriesById.TryGetValue(dlqId, out DlqEntry? entry)
                    && entry.WorkflowRunId == run.WorkflowRunId && run.Equals(DeadLetteredRun.Of(entry, existing: null))
                    ? entry
                    : run);
            }
        }
    }
}
