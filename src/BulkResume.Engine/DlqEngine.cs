using System.Globalization;
using BulkResume.Engine.Model;
using BulkResume.Engine.Paging;
using BulkResume.Engine.Resume;
using BulkResume.Engine.Selection;
using BulkResume.Engine.Storage;

namespace BulkResume.Engine;

/// <summary>
/// The DLQ's rules over an <see cref="IDlqStore"/>: dead-lettering, and bulk resume with the service's selection,
/// paging and all-or-nothing semantics. Safe for concurrent callers: each entry is resumed exactly once.
/// </summary>
public sealed class DlqEngine
{
    private readonly DlqEngineOptions _options;

    /// <summary>Creates an engine.</summary>
    /// <param name="store">Where entries and runs live.</param>
    /// <param name="options">Clock, id generator and limits; <see langword="null"/> for the defaults.</param>
    public DlqEngine(IDlqStore store, DlqEngineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _options = options ?? new DlqEngineOptions();
        ArgumentNullException.ThrowIfNull(_options.TimeProvider, "options.TimeProvider");
        ArgumentNullException.ThrowIfNull(_options.IdGenerator, "options.IdGenerator");
        if (_options.MaxBulkPageSize < 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options),
                $"options.MaxBulkPageSize must be at least 1; got {_options.MaxBulkPageSize}. Leave it unset for the service's 50.");
        }

        Store = store;
    }

    /// <summary>Where entries and runs live.</summary>
    public IDlqStore Store { get; }

    /// <summary>The most entries one bulk call acts on (<see cref="DlqEngineOptions.MaxBulkPageSize"/>).</summary>
    public int MaxBulkPageSize => _options.MaxBulkPageSize;

    /// <summary>Puts failed runs into the DLQ (and records each run as failed).</summary>
    /// <param name="entries">The entries; each needs a unique, non-empty <see cref="DlqEntry.DlqId"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the entries are stored.</returns>
    public async ValueTask DeadLetterAsync(IEnumerable<DlqEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        DlqEntry[] batch = entries.ToArray();
        for (int i = 0; i < batch.Length; i++)
        {
            if (batch[i] is null)
            {
                throw new ArgumentException($"entries[{i}] is null; remove it.", nameof(entries));
            }

            string? missing = string.IsNullOrEmpty(batch[i].DlqId) ? nameof(DlqEntry.DlqId)
                : string.IsNullOrEmpty(batch[i].WorkflowRunId) ? nameof(DlqEntry.WorkflowRunId)
                : string.IsNullOrEmpty(batch[i].WorkflowUrl) ? nameof(DlqEntry.WorkflowUrl)
                : null;
            if (missing is not null)
            {
                throw new ArgumentException($"entries[{i}].{missing} is empty; give it a value.", nameof(entries));
            }
        }

        await Store.AddAsync(batch, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Puts failed runs into the DLQ (and records each run as failed).</summary>
    /// <param name="entries">The entries; each needs a unique, non-empty <see cref="DlqEntry.DlqId"/>.</param>
    /// <returns>A task that completes when the entries are stored.</returns>
    public ValueTask DeadLetterAsync(params DlqEntry[] entries) => DeadLetterAsync((IEnumerable<DlqEntry>)entries);

    /// <summary>
    /// Resumes DLQ entries as new runs that keep the successful steps. With <see cref="DlqSelection.DlqIds"/>: exactly
    /// those entries, all or nothing (<see cref="DlqErrorKind.NotFound"/> when one is not in the DLQ), at most
    /// <see cref="DlqEngineOptions.MaxBulkPageSize"/> ids, and <paramref name="cursor"/> is ignored. With filters (or
    /// none, for every entry): up to <paramref name="count"/> matching entries after <paramref name="cursor"/>, skipping
    /// those a concurrent caller took; the result's cursor continues while more matching entries remain.
    /// </summary>
    /// <param name="selection">Which entries.</param>
    /// <param name="cursor">The cursor of the previous call with the same selection, or <see langword="null"/> to start.</param>
    /// <param name="count">How many to resume: 1 or more, capped at the page size (50); <see langword="null"/> for 50.</param>
    /// <param name="overrides">Settings that replace the originals; <see langword="null"/> keeps them.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The resumed runs and the cursor to continue with.</returns>
    /// <exception cref="DlqEngineException">The request is invalid or names missing entries; nothing was changed.</exception>
    public async ValueTask<BulkResumeResult> BulkResumeAsync(
        DlqSelection selection,
        string? cursor = null,
        int? count = null,
        ResumeOverrides? overrides = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(selection);
        overrides ??= ResumeOverrides.None;
        int pageSize = ValidatedCount(count);
        ValidateRange(selection);
        ResumeOverrideRules.Validate(overrides);
        DateTimeOffset now = _options.TimeProvider.GetUtcNow();
        Func<DlqEntry, WorkflowRun?> resume = entry =>
            ResumeTransition.Resume(entry, overrides, _options.IdGenerator.NewWorkflowRunId(), now);

        return selection.IsByIds
            ? await ResumeByIdsAsync(selection.DlqIds, resume, cancellationToken).ConfigureAwait(false)
            : await ResumeByFilterAsync(selection, cursor, pageSize, resume, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<BulkResumeResult> ResumeByIdsAsync(
        IReadOnlyList<string> dlqIds, Func<DlqEntry, WorkflowRun?> resume, CancellationToken cancellationToken)
    {
        if (dlqIds.Count > _options.MaxBulkPageSize)
        {
            throw DlqEngineException.BadRequest(
                "dlqIds",
                $"dlqIds has {dlqIds.Count} ids; at most {_options.MaxBulkPageSize} can be resumed per request. Split the ids into requests of {_options.MaxBulkPageSize}.");
        }

        if (dlqIds.Any(string.IsNullOrWhiteSpace))
        {
            throw DlqEngineException.BadRequest("dlqIds", "dlqIds contains an empty id; remove it.");
        }

        DlqTakeResult result = await Store.TakeAsync(new DlqTake(dlqIds, allOrNothing: true, resume), cancellationToken).ConfigureAwait(false);
        if (result.Missing.Count > 0)
        {
            throw new DlqEngineException(
                DlqErrorKind.NotFound,
                "Some DLQ messages were not found: " + string.Join(", ", result.Missing),
                "dlqIds");
        }

        return new BulkResumeResult(ToResults(result.Taken), Cursor: null);
    }

    private async ValueTask<BulkResumeResult> ResumeByFilterAsync(
        DlqSelection selection, string? cursor, int pageSize, Func<DlqEntry, WorkflowRun?> resume, CancellationToken cancellationToken)
    {
        DlqKey? after = string.IsNullOrEmpty(cursor) ? null : DlqCursor.Decode(cursor, selection);
        var resumed = new List<TakenEntry>(pageSize);
        while (true)
        {
            int wanted = pageSize - resumed.Count;

            // One more than wanted tells whether matching entries remain after this page.
            IReadOnlyList<DlqEntry> page = await Store.QueryAsync(new DlqQuery(selection, after, wanted + 1), cancellationToken).ConfigureAwait(false);
            DlqEntry[] candidates = page.Take(wanted).ToArray();
            if (candidates.Length == 0)
            {
                return new BulkResumeResult(ToResults(resumed), Cursor: null);
            }

            // Entries a concurrent caller took meanwhile are reported missing and skipped; the loop refills the page.
            DlqTakeResult taken = await Store.TakeAsync(
                new DlqTake(candidates.Select(entry => entry.DlqId).ToArray(), allOrNothing: false, resume),
                cancellationToken).ConfigureAwait(false);
            resumed.AddRange(taken.Taken);
            after = DlqKey.Of(candidates[^1]);
            bool more = page.Count > candidates.Length;
            if (!more || resumed.Count == pageSize)
            {
                return new BulkResumeResult(ToResults(resumed), more ? DlqCursor.Encode(after.Value, selection) : null);
            }
        }
    }

    private int ValidatedCount(int? count)
    {
        if (count is < 1)
        {
            throw DlqEngineException.BadRequest(
                "count",
                $"count must be at least 1; got {count}. Omit count to resume up to {_options.MaxBulkPageSize} per request.");
        }

        return Math.Min(count ?? _options.MaxBulkPageSize, _options.MaxBulkPageSize);
    }

    private static void ValidateRange(DlqSelection selection)
    {
        if (selection is { FromDate: { } from, ToDate: { } to } && from > to)
        {
            throw DlqEngineException.BadRequest(
                "fromDate",
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"fromDate ({from.ToUnixTimeMilliseconds()}) is after toDate ({to.ToUnixTimeMilliseconds()}); swap them or widen the range."));
        }
    }

    private static ResumedRunResult[] ToResults(IEnumerable<TakenEntry> taken) =>
        taken.Select(item => new ResumedRunResult(item.Run!.WorkflowRunId, item.Run.CreatedAt, item.Entry.DlqId)).ToArray();
}
