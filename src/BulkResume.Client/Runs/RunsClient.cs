using BulkResume.Internal.Http;
using BulkResume.Internal.Operations;
using BulkResume.Internal.Paging;
using BulkResume.Internal.Selection;
using BulkResume.Internal.Validation;
using BulkResume.Internal.Wire;

namespace BulkResume;

/// <summary>Workflow runs: read them and their steps in the run logs, and cancel runs in progress.</summary>
/// <remarks>
/// Get it from <see cref="WorkflowClient.Runs"/>; use the logs (<c>GET /v2/workflows/logs</c>) to check that a resumed
/// run kept the successful steps of the original. Members are virtual so that tests can mock them (see
/// <see cref="DlqModelFactory.WorkflowRun"/> and <see cref="DlqModelFactory.BulkCancelResult"/>).
/// </remarks>
public class RunsClient
{
    private const string LogsPath = "/v2/workflows/logs";

    private readonly WorkflowPipeline? _pipeline;

    /// <summary>For mocking only: every member called on an instance created this way must be overridden.</summary>
    protected RunsClient()
    {
    }

    internal RunsClient(WorkflowPipeline pipeline)
    {
        _pipeline = pipeline;
    }

    /// <summary>
    /// Lists the runs that <paramref name="filter"/> selects, with their steps, following the service's cursor lazily.
    /// </summary>
    /// <param name="filter">Which runs: criteria, exact runs (<see cref="RunFilter.ForRun"/>), or nothing for every run.</param>
    /// <param name="pageSize">Runs per request (<c>count</c>), 1 to 10; null for the service's default (10).</param>
    /// <param name="cancellationToken">Stops the enumeration between pages and aborts the request in flight.</param>
    /// <returns>The runs, lazily; use <see cref="AsyncPageable{T}.AsPages(string?, int?)"/> for pages and cursors.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pageSize"/> is outside 1 to 10. Nothing was sent.</exception>
    /// <remarks>An empty <see cref="RunFilter.Create"/> lists every run.</remarks>
    public virtual AsyncPageable<WorkflowRun> ListAsync(RunFilter filter, int? pageSize = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        PageSizeRange.Ensure(pageSize, PageSizeRange.MaxRunLogs, nameof(pageSize));
        filter.EnsureFor(SelectionOperations.RunLogs, "RunsClient.ListAsync", nameof(filter));
        return List(filter, pageSize, cancellationToken);
    }

    /// <summary>Reads the run with exactly this id, with its steps.</summary>
    /// <param name="workflowRunId">The run's full id, for example <see cref="ResumedRun.WorkflowRunId"/>.</param>
    /// <param name="createdAt">The run's creation time (millisecond precision), for example <see cref="ResumedRun.WorkflowCreatedAt"/>; null for any.</param>
    /// <param name="cancellationToken">Aborts the request in flight.</param>
    /// <returns>The run, or <see langword="null"/> when the logs have no run with this id (and creation time).</returns>
    /// <exception cref="ArgumentException"><paramref name="workflowRunId"/> is blank or has a control character. Nothing was sent.</exception>
    /// <remarks>
    /// Several runs may share an id (a run id can be chosen when a workflow is triggered): pass
    /// <paramref name="createdAt"/> to pick one, otherwise this answers the first the logs list.
    /// </remarks>
    public virtual Task<WorkflowRun?> GetAsync(string workflowRunId, DateTimeOffset? createdAt = null, CancellationToken cancellationToken = default)
    {
        var filter = RunFilter.Create().ForWorkflowRunId(workflowRunId);
        if (createdAt is { } created)
        {
            filter = filter.CreatedAt(created);
        }

        return FindAsync(List(filter, pageSize: null, cancellationToken), workflowRunId, createdAt?.ToUnixTimeMilliseconds(), cancellationToken);
    }

    /// <summary>Cancels one workflow run in progress: it stops, and none of its steps is delivered again.</summary>
    /// <param name="workflowRunId">The run's full id, for example <see cref="ResumedRun.WorkflowRunId"/>; sent percent-escaped in the path.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    /// <returns>
    /// <see langword="true"/> when the service canceled the run; <see langword="false"/> when it answered 404: it knows
    /// no run in progress with this id.
    /// </returns>
    /// <exception cref="ArgumentException"><paramref name="workflowRunId"/> is blank or has a control character. Nothing was sent.</exception>
    /// <exception cref="WorkflowApiException">
    /// The service refused the cancel: the reference engine answers 400 for a run that has ended (its message gives the
    /// run's state).
    /// </exception>
    /// <exception cref="OutcomeUnknownException">
    /// An attempt failed in a way that may have canceled the run, and no answer came after it (every retry failed the
    /// same way): the run may still be in progress. Canceling again is safe.
    /// </exception>
    /// <remarks>
    /// <c>DELETE /v2/workflows/runs/{workflowRunId}</c>. Canceling is idempotent in effect, so a lost answer is settled
    /// by the retry's: a retry answered 404, or 400 (a repeat of an applied cancel finds the run ended), returns
    /// <see langword="false"/>, since the run is not in progress, though the lost attempt may be what canceled it.
    /// </remarks>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The overloads differ in their required first parameter, one id or many, so no call binds to both.")]
    public virtual Task<bool> CancelAsync(string workflowRunId, CancellationToken cancellationToken = default)
    {
        WireText.EnsureValue(workflowRunId, nameof(workflowRunId), "The run id", RunIdList.Expected);
        return new RunCancelOperation(Pipeline).CancelAsync(workflowRunId, cancellationToken);
    }

    /// <summary>Cancels the workflow runs in progress with these ids, and returns how many the service canceled.</summary>
    /// <param name="workflowRunIds">The runs' full ids: at least one, none blank, none with a comma or a control character, none twice.</param>
    /// <param name="cancellationToken">Stops between requests and aborts the request in flight; runs canceled before stay canceled.</param>
    /// <returns>How many runs the service canceled; a run no longer in progress (or unknown) is skipped and not counted.</returns>
    /// <exception cref="ArgumentException">The list is empty, or an id breaks its rule or is named twice (the message gives its index). Nothing was sent.</exception>
    /// <exception cref="OutcomeUnknownException">
    /// A request failed in a way that may have canceled its runs, and no answer came after it: its ids are
    /// <see cref="OutcomeUnknownException.InDoubtIds"/>, those of earlier requests <see cref="OutcomeUnknownException.DoneIds"/>,
    /// those never sent <see cref="OutcomeUnknownException.NotAttemptedIds"/>. Canceling the in-doubt ids again is safe.
    /// </exception>
    /// <exception cref="WorkflowApiException">The service refused a request; the runs of earlier requests stay canceled.</exception>
    /// <remarks>
    /// <c>DELETE /v2/workflows/runs?workflowRunIds=...&amp;workflowRunIds=...</c>, at most 50 ids a request, one request
    /// at a time, in order. A lost answer whose retry succeeded sets <see cref="BulkCancelResult.MayHaveCanceledMore"/>.
    /// </remarks>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The overloads differ in their required first parameter, one id or many, so no call binds to both.")]
    public virtual Task<BulkCancelResult> CancelAsync(IEnumerable<string> workflowRunIds, CancellationToken cancellationToken = default)
    {
        var ids = RunIdList.From(workflowRunIds, nameof(workflowRunIds));
        return new RunCancelOperation(Pipeline).CancelAsync(ids, cancellationToken);
    }

    /// <summary>Cancels the workflow runs in progress that <paramref name="filter"/> selects, and returns how many the service canceled.</summary>
    /// <param name="filter">What to cancel: criteria, or <see cref="RunCancelFilter.All"/>. An empty filter is refused.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    /// <returns>How many runs the service canceled; a run no longer in progress is skipped and not counted.</returns>
    /// <exception cref="ArgumentException">The filter has no criteria and is not <see cref="RunCancelFilter.All"/>. Nothing was sent.</exception>
    /// <exception cref="WorkflowApiException">
    /// The request failed. If an attempt may have been applied, some runs may be canceled: nothing names them, and
    /// canceling again with the same filter is safe.
    /// </exception>
    /// <remarks>
    /// <para>One request, <c>DELETE /v2/workflows/runs</c> with the filter's parameters: with
    /// <see cref="RunCancelFilter.ForWorkflowUrl"/>, <c>workflowUrlExactMatch=true</c>, since the service matches a URL as
    /// a prefix by default; no <c>count</c>, which the service's pages mark deprecated. The service answers when it has
    /// worked through the selection; a run it could not cancel is skipped, so canceling again picks up any left.</para>
    /// Preview the runs with <see cref="ListAsync"/> first. A lost answer whose retry succeeded sets
    /// <see cref="BulkCancelResult.MayHaveCanceledMore"/>. For a selection too large to wait for, start a bulk action
    /// with <see cref="StartBulkCancelAsync"/>.
    /// </remarks>
    public virtual Task<BulkCancelResult> BulkCancelAsync(RunCancelFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        filter.EnsureFor(SelectionOperations.CancelRuns, "RunsClient.BulkCancelAsync", nameof(filter));
        return new RunCancelOperation(Pipeline).CancelAsync(filter, cancellationToken);
    }

    /// <summary>
    /// Starts a bulk action in which the service cancels every workflow run in progress that <paramref name="filter"/>
    /// selects, by itself, and returns once the action exists, with an operation to watch it.
    /// </summary>
    /// <param name="filter">What to cancel: criteria, or <see cref="RunCancelFilter.All"/>. An empty filter is refused.</param>
    /// <param name="cancellationToken">Aborts the request that starts the action.</param>
    /// <returns>The operation: <see cref="BulkActionOperation.WaitForCompletionAsync"/> follows the action to its end; its <see cref="BulkAction.Processed"/> counts the runs canceled.</returns>
    /// <exception cref="ArgumentException">The filter has no criteria and is not <see cref="RunCancelFilter.All"/>. Nothing was sent.</exception>
    /// <exception cref="WorkflowApiException">The service refused the action (the message names the parameter).</exception>
    /// <remarks>
    /// <para>Use it for a large selection that should finish without the caller: the service works through it on its
    /// own, and the work survives the caller's process. Use <see cref="BulkCancelAsync"/> instead when you need the count
    /// as the call returns; cancel runs you know by id with <see cref="CancelAsync(IEnumerable{string}, CancellationToken)"/>.</para>
    /// <para>The action covers the runs in progress when it is created; a run started later is not part of it, and a run
    /// that ends meanwhile is skipped and not counted (the action then finishes below <see cref="BulkAction.Total"/>).
    /// The same request while an identical one runs returns the running action, so the client's retry after a lost
    /// answer is safe. A running action can't be cancelled. See docs/bulk-actions.md.</para>
    /// <c>DELETE /v2/workflows/runs</c> with the filter's parameters, as <see cref="BulkCancelAsync"/> sends them
    /// (<c>workflowUrlExactMatch=true</c> unless a prefix was asked for by name), and <c>async=true</c>.
    /// </remarks>
    public virtual Task<BulkActionOperation> StartBulkCancelAsync(RunCancelFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        filter.EnsureFor(SelectionOperations.CancelRuns, "RunsClient.StartBulkCancelAsync", nameof(filter));
        return new RunCancelOperation(Pipeline).StartAsync(filter, cancellationToken);
    }

    private WorkflowPipeline Pipeline =>
        _pipeline ?? throw new InvalidOperationException("This RunsClient was created for mocking; override the member you call.");

    private AsyncPageable<WorkflowRun> List(RunFilter filter, int? pageSize, CancellationToken cancellationToken) =>
        new ListOperation<RunLogsResponseWire, WorkflowRun>(
                Pipeline,
                LogsPath,
                filter.AppendTo,
                WorkflowJsonContext.Default.RunLogsResponseWire,
                static answer => (answer.Runs is null ? [] : answer.Runs.ConvertAll(run => run.ToModel()), answer.Cursor),
                pageSize,
                PageSizeRange.MaxRunLogs)
            .ToPageable(cancellationToken);

    /// <summary>The first run that is exactly the one asked for: the filter already selects it; this guards against a looser service.</summary>
    private static async Task<WorkflowRun?> FindAsync(AsyncPageable<WorkflowRun> runs, string workflowRunId, long? createdAtMs, CancellationToken cancellationToken)
    {
        await foreach (var run in runs.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (string.Equals(run.WorkflowRunId, workflowRunId, StringComparison.Ordinal)
                && (createdAtMs is not { } ms || run.CreatedAt.ToUnixTimeMilliseconds() == ms))
            {
                return run;
            }
        }

        return null;
    }
}
