using BulkResume.Engine.BulkActions;
using BulkResume.Engine.FailureCallbacks;
using BulkResume.Engine.Paging;
using BulkResume.Engine.Resume;
using BulkResume.Engine.Selection;
using BulkResume.Engine.Storage;

namespace BulkResume.Engine;

/// <summary>
/// The DLQ's rules over an <see cref="IDlqStore"/>: dead-lettering; listing; resume, restart and delete, one by id or
/// in bulk with the service's selection, paging and all-or-nothing semantics; failure-callback retry; run logs; and
/// cancelling runs.
/// </summary>
/// <remarks>
/// Safe for concurrent callers: each entry leaves the DLQ exactly once, each run is canceled once. Every refusal is a
/// <see cref="DlqEngineException"/> and changes nothing.
/// </remarks>
public sealed class DlqEngine
{
    /// <summary>How many runs a bulk cancel reads and cancels in one store transaction.</summary>
    private const int CancelPageSize = 100;

    private readonly DlqEngineOptions _options;
    private readonly DlqStoreWrites _writes;
    private Action<IReadOnlyList<TakenEntry>>? _runsCreated;
    private Action<IReadOnlyList<RunRecord>>? _runsCanceled;

    /// <summary>Creates an engine.</summary>
    /// <param name="store">Where entries and runs live.</param>
    /// <param name="options">Clock, id generator and limits; <see langword="null"/> for the defaults.</param>
    public DlqEngine(IDlqStore store, DlqEngineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _options = options ?? new DlqEngineOptions();
        ArgumentNullException.ThrowIfNull(_options.TimeProvider, "options.TimeProvider");
        ArgumentNullException.ThrowIfNull(_options.IdGenerator, "options.IdGenerator");
        if (_options.MaxBulkPageSize < 1 || _options.MaxDeletePageSize < 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options),
                $"options.MaxBulkPageSize and options.MaxDeletePageSize must be at least 1; got {_options.MaxBulkPageSize} and {_options.MaxDeletePageSize}. Leave them unset for the service's 50 and 100.");
        }

        Store = store;
        _writes = new DlqStoreWrites(store);
        BulkActions = new BulkActionService(this);
        Protocol = new Delivery.ProtocolWrites(store, _options);
    }

    /// <summary>Where entries and runs live.</summary>
    public IDlqStore Store { get; }

    /// <summary>The most entries one bulk call acts on (<see cref="DlqEngineOptions.MaxBulkPageSize"/>).</summary>
    internal int MaxBulkPageSize => _options.MaxBulkPageSize;

    /// <summary>The engine's clock and id generator, for the workflow runtime that executes its runs.</summary>
    internal DlqEngineOptions Options => _options;

    /// <summary>The engine's changes to its store, for the workflow runtime that records its runs through them.</summary>
    internal DlqStoreWrites Writes => _writes;

    /// <summary>The async bulk actions: created by the HTTP API, worked through by a <see cref="BulkActionWorker"/>.</summary>
    internal BulkActionService BulkActions { get; }

    /// <summary>The workflow protocol's changes to the store, and the signal that wakes the delivery worker.</summary>
    internal Delivery.ProtocolWrites Protocol { get; }

    /// <summary>
    /// Tells the workflow runtime, if one observes this engine, of runs a take created, and wakes the delivery worker
    /// when a take enqueued a delivered run's first delivery.
    /// </summary>
    internal void NotifyRunsCreated(IReadOnlyList<TakenEntry> taken)
    {
        if (taken.Count > 0)
        {
            Volatile.Read(ref _runsCreated)?.Invoke(taken);
            if (taken.Any(item => item.Run?.Delivered is not null))
            {
                Protocol.NotifyAdded();
            }
        }
    }

    /// <summary>Tells the workflow runtime, if one observes this engine, of runs a cancel ended, so that it stops executing them.</summary>
    internal void NotifyRunsCanceled(IReadOnlyList<RunRecord> canceled)
    {
        if (canceled.Count > 0)
        {
            Volatile.Read(ref _runsCanceled)?.Invoke(canceled);
        }
    }

    /// <summary>
    /// Makes <paramref name="observer"/> hear of every run resume or restart creates, right after the store committed it;
    /// one observer per engine (the workflow runtime), so that a run is never executed twice.
    /// </summary>
    internal void ObserveCreatedRuns(Action<IReadOnlyList<TakenEntry>> observer)
    {
        if (Interlocked.CompareExchange(ref _runsCreated, observer, null) is not null)
        {
            throw AlreadyHasRuntime();
        }
    }

    /// <summary>Stops <paramref name="observer"/> hearing of new runs; runs created afterwards stay <see cref="RunState.Started"/>.</summary>
    internal void StopObservingCreatedRuns(Action<IReadOnlyList<TakenEntry>> observer) =>
        Interlocked.CompareExchange(ref _runsCreated, null, observer);

    /// <summary>
    /// Makes <paramref name="observer"/> hear of every run a cancel ended, right after the store committed it (the
    /// workflow runtime, which stops executing them); one observer per engine.
    /// </summary>
    internal void ObserveCanceledRuns(Action<IReadOnlyList<RunRecord>> observer)
    {
        if (Interlocked.CompareExchange(ref _runsCanceled, observer, null) is not null)
        {
            throw AlreadyHasRuntime();
        }
    }

    /// <summary>Stops <paramref name="observer"/> hearing of canceled runs.</summary>
    internal void StopObservingCanceledRuns(Action<IReadOnlyList<RunRecord>> observer) =>
        Interlocked.CompareExchange(ref _runsCanceled, null, observer);

    /// <summary>Puts failed runs into the DLQ (and records each run as failed).</summary>
    /// <param name="entries">The entries; each needs a unique, non-empty <see cref="DlqEntry.DlqId"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the entries are stored.</returns>
    /// <remarks>
    /// Every store keeps the same entries: ids, workflow URL, labels, flow-control key and caller IP within the lengths
    /// every store takes (docs/storage.md), none of them blank or holding a control character, and no NUL in any text;
    /// an entry past that is refused and nothing is added.
    /// </remarks>
    public async ValueTask DeadLetterAsync(IEnumerable<DlqEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        await _writes.AddAsync(entries.ToArray(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Puts failed runs into the DLQ (and records each run as failed).</summary>
    /// <param name="entries">The entries; each needs a unique, non-empty <see cref="DlqEntry.DlqId"/>.</param>
    /// <returns>A task that completes when the entries are stored.</returns>
    public ValueTask DeadLetterAsync(params DlqEntry[] entries) => DeadLetterAsync((IEnumerable<DlqEntry>)entries);

    /// <summary>Resumes DLQ entries as new runs that keep the successful steps.</summary>
    /// <param name="selection">Which entries.</param>
    /// <param name="cursor">The cursor of the previous call with the same selection, or <see langword="null"/> to start.</param>
    /// <param name="count">How many to resume: 1 or more, capped at the page size (50); <see langword="null"/> for 50.</param>
    /// <param name="overrides">Settings that replace the originals; <see langword="null"/> keeps them.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The resumed runs and the cursor to continue with.</returns>
    /// <exception cref="DlqEngineException">The request is invalid or names missing entries; nothing was changed.</exception>
    /// <remarks>
    /// With <see cref="DlqSelection.DlqIds"/>: exactly those entries, all or nothing
    /// (<see cref="DlqErrorKind.NotFound"/> when one is not in the DLQ), at most
    /// <see cref="DlqEngineOptions.MaxBulkPageSize"/> ids, and <paramref name="cursor"/> is ignored. With filters (or
    /// none, for every entry): up to <paramref name="count"/> matching entries after <paramref name="cursor"/>,
    /// skipping those a concurrent caller took; the result's cursor continues while more matching entries remain.
    /// </remarks>
    internal ValueTask<BulkResumeResult> BulkResumeAsync(
        DlqSelection selection,
        string? cursor = null,
        int? count = null,
        ResumeOverrides? overrides = null,
        CancellationToken cancellationToken = default) =>
        BulkNewRunsAsync(selection, cursor, count, overrides, ResumeTransition.Resume, cancellationToken);

    /// <summary>
    /// Restarts DLQ entries as new runs that discard every step result and start over from the original payload.
    /// </summary>
    /// <param name="selection">Which entries.</param>
    /// <param name="cursor">The cursor of the previous call with the same selection, or <see langword="null"/> to start.</param>
    /// <param name="count">How many to restart: 1 or more, capped at the page size (50); <see langword="null"/> for 50.</param>
    /// <param name="overrides">Settings that replace the originals; <see langword="null"/> keeps them.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The restarted runs and the cursor to continue with.</returns>
    /// <exception cref="DlqEngineException">The request is invalid or names missing entries; nothing was changed.</exception>
    /// <remarks>
    /// The selection, paging, all-or-nothing and override rules are those of <see cref="BulkResumeAsync"/>.
    /// </remarks>
    internal ValueTask<BulkResumeResult> BulkRestartAsync(
        DlqSelection selection,
        string? cursor = null,
        int? count = null,
        ResumeOverrides? overrides = null,
        CancellationToken cancellationToken = default) =>
        BulkNewRunsAsync(selection, cursor, count, overrides, ResumeTransition.Restart, cancellationToken);

    /// <summary>Resumes one DLQ entry as a new run that keeps the successful steps (see <see cref="BulkResumeAsync"/>).</summary>
    /// <param name="dlqId">The entry's id.</param>
    /// <param name="overrides">Settings that replace the originals; <see langword="null"/> keeps them.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new run.</returns>
    /// <exception cref="DlqEngineException">The id is empty, an override is out of range, or the entry is not in the DLQ (<see cref="DlqErrorKind.NotFound"/>); nothing was changed.</exception>
    internal ValueTask<ResumedRunResult> ResumeAsync(string dlqId, ResumeOverrides? overrides = null, CancellationToken cancellationToken = default) =>
        NewRunAsync(dlqId, overrides, ResumeTransition.Resume, cancellationToken);

    /// <summary>Restarts one DLQ entry as a new run that discards every step result (see <see cref="BulkRestartAsync"/>).</summary>
    /// <param name="dlqId">The entry's id.</param>
    /// <param name="overrides">Settings that replace the originals; <see langword="null"/> keeps them.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new run.</returns>
    /// <exception cref="DlqEngineException">The id is empty, an override is out of range, or the entry is not in the DLQ (<see cref="DlqErrorKind.NotFound"/>); nothing was changed.</exception>
    internal ValueTask<ResumedRunResult> RestartAsync(string dlqId, ResumeOverrides? overrides = null, CancellationToken cancellationToken = default) =>
        NewRunAsync(dlqId, overrides, ResumeTransition.Restart, cancellationToken);

    /// <summary>Removes DLQ entries without making runs (their failed runs stay readable).</summary>
    /// <param name="selection">Which entries.</param>
    /// <param name="cursor">The cursor of the previous call with the same selection, or <see langword="null"/> to start.</param>
    /// <param name="count">How many to delete: 1 or more, capped at 100; <see langword="null"/> for 100.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The deleted ids and the cursor to continue with.</returns>
    /// <exception cref="DlqEngineException">The request is invalid or names missing entries; nothing was changed.</exception>
    /// <remarks>
    /// The selection and paging rules are those of <see cref="BulkResumeAsync"/>: by ids all or nothing (at most 50
    /// ids), by filter at most 100 per call (<see cref="DlqEngineOptions.MaxDeletePageSize"/>: the reference names no
    /// limit) with a cursor.
    /// </remarks>
    internal async ValueTask<BulkDeleteResult> BulkDeleteAsync(
        DlqSelection selection, string? cursor = null, int? count = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(selection);
        int pageSize = PageSize.Resolve(count, _options.MaxDeletePageSize, _options.MaxDeletePageSize);
        SelectionRules.Validate(selection, _options.MaxBulkPageSize);
        (IReadOnlyList<TakenEntry> taken, string? next) = await TakeAsync(selection, cursor, pageSize, static _ => null, cancellationToken).ConfigureAwait(false);
        return new BulkDeleteResult(taken.Select(item => item.Entry.DlqId).ToArray(), next);
    }

    /// <summary>Removes one DLQ entry without making a run (its failed run stays readable).</summary>
    /// <param name="dlqId">The entry's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entry as it was in the DLQ.</returns>
    /// <exception cref="DlqEngineException">The id is empty, or the entry is not in the DLQ (<see cref="DlqErrorKind.NotFound"/>).</exception>
    internal async ValueTask<DlqEntry> DeleteAsync(string dlqId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dlqId);
        TakenEntry taken = await TakeOneAsync(dlqId, static _ => null, cancellationToken).ConfigureAwait(false);
        return taken.Entry;
    }

    /// <summary>
    /// One page of the entries a selection holds, without changing anything: the preview of a bulk call with the same
    /// selection.
    /// </summary>
    /// <param name="selection">Which entries.</param>
    /// <param name="cursor">The cursor of the previous page with the same selection, or <see langword="null"/> to start.</param>
    /// <param name="count">How many: 1 or more, capped at 100; <see langword="null"/> for 100.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page and the cursor of the next one.</returns>
    /// <exception cref="DlqEngineException">The count, the date range, the ids or the cursor is invalid.</exception>
    /// <remarks>
    /// With <see cref="DlqSelection.DlqIds"/>: those of the ids (at most 100) still in the DLQ, in one page. With
    /// filters: up to <paramref name="count"/> after <paramref name="cursor"/>; entries dead-lettered meanwhile after
    /// the cursor's position show up on later pages, and none shows up twice.
    /// </remarks>
    public async ValueTask<DlqEntryPage> ListAsync(
        DlqSelection selection, string? cursor = null, int? count = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(selection);
        int pageSize = PageSize.Resolve(count, DlqEngineOptions.ServiceMaxListPageSize, DlqEngineOptions.ServiceMaxListPageSize);
        SelectionRules.Validate(selection, DlqEngineOptions.ServiceMaxListPageSize);
        if (selection.IsByIds)
        {
            IReadOnlyList<DlqEntry> found = await Store.QueryAsync(new DlqQuery(selection, null, selection.DlqIds.Count), cancellationToken).ConfigureAwait(false);
            return new DlqEntryPage(found, cursor: null);
        }

        DlqKey? after = string.IsNullOrEmpty(cursor) ? null : DlqCursor.Decode(cursor, selection);
        IReadOnlyList<DlqEntry> page = await Store.QueryAsync(new DlqQuery(selection, after, pageSize + 1), cancellationToken).ConfigureAwait(false);
        return page.Count > pageSize
            ? new DlqEntryPage(page.Take(pageSize).ToArray(), DlqCursor.Encode(DlqKey.Of(page[pageSize - 1]), selection))
            : new DlqEntryPage(page, cursor: null);
    }

    /// <summary>One DLQ entry.</summary>
    /// <param name="dlqId">The entry's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entry.</returns>
    /// <exception cref="DlqEngineException">The id is empty, or the entry is not in the DLQ (<see cref="DlqErrorKind.NotFound"/>).</exception>
    public async ValueTask<DlqEntry> GetAsync(string dlqId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dlqId);
        SelectionRules.ValidateId(dlqId);
        return await Store.GetAsync(dlqId, cancellationToken).ConfigureAwait(false) ?? throw SelectionRules.NotFound(dlqId);
    }

    /// <summary>
    /// Retries the failure callback of a DLQ entry: allowed only when the callback failed
    /// (<see cref="CallbackState.Fail"/>), it moves the callback to <see cref="CallbackState.InProgress"/> atomically
    /// (clearing the failed attempt's response), so of two concurrent retries one succeeds and the other is refused.
    /// </summary>
    /// <param name="dlqId">The entry's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entry with its callback in progress.</returns>
    /// <exception cref="DlqEngineException">
    /// The entry is not in the DLQ (<see cref="DlqErrorKind.NotFound"/>), or its callback has not failed
    /// (<see cref="DlqErrorKind.BadRequest"/>, naming the current state); nothing was changed.
    /// </exception>
    /// <remarks>The entry stays in the DLQ.</remarks>
    internal async ValueTask<DlqEntry> RetryFailureCallbackAsync(string dlqId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dlqId);
        SelectionRules.ValidateId(dlqId);
        DateTimeOffset now = _options.TimeProvider.GetUtcNow();
        bool enqueued = false;
        DlqEntry entry = await _writes.UpdateAsync(
            dlqId,
            FailureCallbackTransitions.Retry,
            async (transaction, retried) =>
            {
                // A delivered run's failure call is made again: the entry's answer is the worker's to record.
                DeliveryRecord? call = Delivery.DeliveryPlan.FailureCall(retried, retried.MaxRetries, now);
                enqueued = call is not null;
                if (call is not null)
                {
                    await transaction.AddDeliveriesAsync([call]).ConfigureAwait(false);
                }
            },
            cancellationToken).ConfigureAwait(false)
            ?? throw SelectionRules.NotFound(dlqId);
        if (enqueued)
        {
            Protocol.NotifyAdded();
        }

        return entry;
    }

    /// <summary>
    /// Cancels the failure callback of a DLQ entry that is in progress (<see cref="CallbackState.InProgress"/>),
    /// atomically: it becomes <see cref="CallbackState.Canceled"/>.
    /// </summary>
    /// <param name="dlqId">The entry's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entry with its callback canceled.</returns>
    /// <exception cref="DlqEngineException">
    /// The entry is not in the DLQ (<see cref="DlqErrorKind.NotFound"/>), or no callback of it is in progress
    /// (<see cref="DlqErrorKind.BadRequest"/>, naming the current state); nothing was changed.
    /// </exception>
    /// <remarks>The entry stays in the DLQ.</remarks>
    internal async ValueTask<DlqEntry> CancelFailureCallbackAsync(string dlqId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dlqId);
        SelectionRules.ValidateId(dlqId);

        // A delivered run's failure call in flight or waiting to retry is dropped with it: nothing else of the failed run is queued.
        return await _writes.UpdateAsync(
            dlqId,
            FailureCallbackTransitions.Cancel,
            async (transaction, canceled) =>
            {
                if (canceled.Delivered is not null)
                {
                    await transaction.RemoveRunDeliveriesAsync(canceled.WorkflowRunId).ConfigureAwait(false);
                }
            },
            cancellationToken).ConfigureAwait(false)
            ?? throw SelectionRules.NotFound(dlqId);
    }

    /// <summary>
    /// One page of the run logs: the runs <paramref name="selection"/> selects (failed, resumed, restarted, triggered),
    /// with their steps, ordered by run id.
    /// </summary>
    /// <param name="selection">Which runs; <see cref="RunSelection.All"/> for every run.</param>
    /// <param name="cursor">The cursor of the previous page with the same selection, or <see langword="null"/> to start.</param>
    /// <param name="count">How many: 1 or more, capped at 10 (the service's limit); <see langword="null"/> for 10.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page and the cursor of the next one.</returns>
    /// <exception cref="DlqEngineException">The count, the date range, a value or the cursor is invalid.</exception>
    internal async ValueTask<WorkflowRunPage> ListRunsAsync(
        RunSelection selection, string? cursor = null, int? count = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(selection);
        int pageSize = PageSize.Resolve(count, DlqEngineOptions.ServiceMaxRunPageSize, DlqEngineOptions.ServiceMaxRunPageSize);
        SelectionRules.Validate(selection);
        string? after = string.IsNullOrEmpty(cursor) ? null : RunCursor.Decode(cursor, selection);
        IReadOnlyList<RunRecord> page = await Store.QueryRunsAsync(new RunQuery(selection, after, pageSize + 1), cancellationToken).ConfigureAwait(false);
        return page.Count > pageSize
            ? new WorkflowRunPage(page.Take(pageSize).ToArray(), RunCursor.Encode(page[pageSize - 1].WorkflowRunId, selection))
            : new WorkflowRunPage(page, cursor: null);
    }

    /// <summary>Cancels one run in progress: it becomes <see cref="RunState.Canceled"/> and executes no further.</summary>
    /// <param name="workflowRunId">The run's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The run as canceled.</returns>
    /// <exception cref="DlqEngineException">
    /// The id is empty, the run is unknown (<see cref="DlqErrorKind.NotFound"/>), or it has finished
    /// (<see cref="DlqErrorKind.BadRequest"/>, naming its state); nothing was changed.
    /// </exception>
    /// <remarks>Of concurrent cancels of one run exactly one succeeds; the others are refused as it has finished.</remarks>
    public async ValueTask<RunRecord> CancelRunAsync(string workflowRunId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflowRunId);
        CriterionValueRule.Text.Check("workflowRunId", workflowRunId);
        IReadOnlyList<RunRecord> canceled = await _writes.CancelRunsAsync(
            [workflowRunId], static _ => true, _options.TimeProvider.GetUtcNow(), max: 1, cancellationToken).ConfigureAwait(false);
        if (canceled.Count == 1)
        {
            NotifyRunsCanceled(canceled);
            return canceled[0];
        }

        RunRecord run = await Store.GetRunAsync(workflowRunId, cancellationToken).ConfigureAwait(false)
            ?? throw new DlqEngineException(DlqErrorKind.NotFound, $"Workflow run {workflowRunId} was not found", "workflowRunId");
        throw DlqEngineException.BadRequest(
            "workflowRunId",
            $"Workflow run {workflowRunId} is {Http.WireNames.Of(run.State)}; only a run in progress ({Http.WireNames.Of(RunState.Started)}) can be canceled. Nothing was changed.");
    }

    /// <summary>Cancels every run in progress that <paramref name="selection"/> selects, up to <paramref name="count"/>.</summary>
    /// <param name="selection">Which runs; <see cref="RunSelection.All"/> for every run.</param>
    /// <param name="count">The most runs to cancel, 1 or more; <see langword="null"/> for every selected run.</param>
    /// <param name="cancellationToken">Cancels the call; the runs canceled so far stay canceled.</param>
    /// <returns>How many runs this call canceled.</returns>
    /// <exception cref="DlqEngineException">
    /// The count, the date range or a value is invalid, or runs named exactly come with other filters; nothing was changed.
    /// </exception>
    /// <remarks>
    /// Runs that have finished are skipped, as are unknown ids. Each run is canceled by exactly one caller however many
    /// race for it, and counted by that one. The runs are canceled a page at a time, each page in one store transaction.
    /// </remarks>
    public async ValueTask<int> CancelRunsAsync(RunSelection selection, int? count = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(selection);
        if (count is < 1)
        {
            throw DlqEngineException.BadRequest("count", $"count must be 1 or more; got {count}. Leave it out to cancel every selected run.");
        }

        SelectionRules.ValidateCancel(selection);
        if (selection.State is { } state && state != RunState.Started)
        {
            return 0;
        }

        RunSelection inProgress = selection.InState(RunState.Started);
        DateTimeOffset now = _options.TimeProvider.GetUtcNow();
        int left = count ?? int.MaxValue;
        int canceledCount = 0;
        string? after = null;
        while (left > 0)
        {
            IReadOnlyList<RunRecord> page = await Store.QueryRunsAsync(new RunQuery(inProgress, after, CancelPageSize), cancellationToken).ConfigureAwait(false);
            if (page.Count == 0)
            {
                break;
            }

            IReadOnlyList<RunRecord> canceled = await _writes.CancelRunsAsync(
                page.Select(run => run.WorkflowRunId).ToArray(), inProgress.Matches, now, left, cancellationToken).ConfigureAwait(false);
            NotifyRunsCanceled(canceled);
            canceledCount += canceled.Count;
            left -= canceled.Count;
            after = page[^1].WorkflowRunId;
        }

        return canceledCount;
    }

    private async ValueTask<BulkResumeResult> BulkNewRunsAsync(
        DlqSelection selection, string? cursor, int? count, ResumeOverrides? overrides, NewRunRule rule, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selection);
        int pageSize = PageSize.Resolve(count, _options.MaxBulkPageSize, _options.MaxBulkPageSize);
        SelectionRules.Validate(selection, _options.MaxBulkPageSize);
        (IReadOnlyList<TakenEntry> taken, string? next) = await TakeAsync(selection, cursor, pageSize, MakeRun(overrides, rule), cancellationToken).ConfigureAwait(false);
        NotifyRunsCreated(taken);
        return new BulkResumeResult(taken.Select(ToResult).ToArray(), next);
    }

    private async ValueTask<ResumedRunResult> NewRunAsync(string dlqId, ResumeOverrides? overrides, NewRunRule rule, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dlqId);
        Func<DlqEntry, RunRecord?> make = MakeRun(overrides, rule);
        TakenEntry taken = await TakeOneAsync(dlqId, make, cancellationToken).ConfigureAwait(false);
        NotifyRunsCreated([taken]);
        return ToResult(taken);
    }

    /// <summary>
    /// Takes what a validated <paramref name="selection"/> selects, making a run of each entry with
    /// <paramref name="make"/>.
    /// </summary>
    /// <remarks>
    /// By ids: all or nothing (<see cref="DlqErrorKind.NotFound"/> names the missing ones). By filter: one page after
    /// the cursor, found and taken in one store transaction, and the cursor after the last entry the page read.
    /// </remarks>
    private async ValueTask<(IReadOnlyList<TakenEntry> Taken, string? Cursor)> TakeAsync(
        DlqSelection selection, string? cursor, int pageSize, Func<DlqEntry, RunRecord?> make, CancellationToken cancellationToken)
    {
        if (selection.IsByIds)
        {
            DlqTakeResult result = await _writes.TakeAsync(selection.DlqIds, allOrNothing: true, make, cancellationToken).ConfigureAwait(false);
            return result.Missing.Count > 0
                ? throw new DlqEngineException(DlqErrorKind.NotFound, "Some DLQ messages were not found: " + string.Join(", ", result.Missing), "dlqIds")
                : (result.Taken, null);
        }

        DlqKey? after = string.IsNullOrEmpty(cursor) ? null : DlqCursor.Decode(cursor, selection);
        DlqTakenPage page = await _writes.TakePageAsync(new DlqQuery(selection, after, pageSize), make, cancellationToken).ConfigureAwait(false);
        return (page.Taken, page.Next is { } next ? DlqCursor.Encode(next, selection) : null);
    }

    private async ValueTask<TakenEntry> TakeOneAsync(string dlqId, Func<DlqEntry, RunRecord?> make, CancellationToken cancellationToken)
    {
        SelectionRules.ValidateId(dlqId);
        DlqTakeResult result = await _writes.TakeAsync([dlqId], allOrNothing: true, make, cancellationToken).ConfigureAwait(false);
        return result.Taken.Count == 1 ? result.Taken[0] : throw SelectionRules.NotFound(dlqId);
    }

    /// <summary>Validates the overrides and fixes the clock reading once, so that every run of one call is created at the same time.</summary>
    internal Func<DlqEntry, RunRecord?> MakeRun(ResumeOverrides? overrides, NewRunRule rule)
    {
        ResumeOverrides given = overrides ?? ResumeOverrides.None;
        ResumeOverrideRules.Validate(given);
        DateTimeOffset now = _options.TimeProvider.GetUtcNow();
        return entry => rule(entry, given, _options.IdGenerator.NewWorkflowRunId(), now);
    }

    private static InvalidOperationException AlreadyHasRuntime() =>
        new("This engine already has a workflow runtime; use that one, or dispose it before attaching another.");

    private static ResumedRunResult ToResult(TakenEntry item) => new(item.Run!.WorkflowRunId, item.Run.CreatedAt, item.Entry.DlqId);
}
