using BulkResume.Internal.Http;
using BulkResume.Internal.Operations;
using BulkResume.Internal.Paging;
using BulkResume.Internal.Selection;
using BulkResume.Internal.Validation;
using BulkResume.Internal.Wire;

namespace BulkResume;

/// <summary>
/// Workflow runs: start them, read them and their steps in the run logs, cancel runs in progress, and notify the runs
/// waiting for an event.
/// </summary>
/// <remarks>
/// Get it from <see cref="WorkflowClient.Runs"/>; use the logs (<c>GET /v2/workflows/logs</c>) to check that a resumed
/// run kept the successful steps of the original. Members are virtual so that tests can mock them (see
/// <see cref="DlqModelFactory.WorkflowRun"/>, <see cref="DlqModelFactory.BulkCancelResult"/>,
/// <see cref="DlqModelFactory.TriggeredRun"/>, <see cref="DlqModelFactory.NotifyResult"/> and
/// <see cref="DlqModelFactory.EventWaiter"/>).
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

    /// <summary>Starts one workflow run: the service delivers its first step to <see cref="WorkflowTriggerRequest.WorkflowUrl"/>.</summary>
    /// <param name="request">The run to start: URL, payload, forwarded headers and settings.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    /// <returns>The run's id and creation time.</returns>
    /// <exception cref="ArgumentException">A property breaks its rule (the message names it and the fix). Nothing was sent.</exception>
    /// <exception cref="WorkflowApiException">The service refused the trigger (the message says why).</exception>
    /// <exception cref="OutcomeUnknownException">
    /// An attempt failed in a way that may have started the run, and no answer came after it: its id is in
    /// <see cref="OutcomeUnknownException.InDoubtIds"/>. Look for it with <see cref="GetAsync"/>, or trigger again with that
    /// id as <see cref="WorkflowTriggerRequest.WorkflowRunId"/>, which the service answers as deduplicated if it exists.
    /// </exception>
    /// <remarks>
    /// <para><c>POST /v2/trigger/{workflowUrl}</c>, the URL as it is in the path; the payload as the body with its
    /// <c>Content-Type</c>; the run id as <c>Upstash-Workflow-RunId</c> and each setting as its header
    /// (<c>Upstash-Retries</c>, <c>Upstash-Retry-Delay</c>, <c>Upstash-Delay</c>, <c>Upstash-Not-Before</c>,
    /// <c>Upstash-Label</c>, <c>Upstash-Flow-Control-Key</c> and <c>-Value</c>, <c>Upstash-Failure-Callback</c>), each
    /// forwarded header as <c>Upstash-Forward-&lt;name&gt;</c>.</para>
    /// Every trigger carries a run id (the request's, or <c>wfr_</c> and 21 random characters the client makes, as the
    /// official SDK does), and the service starts one run per id: so the client's retries after a lost answer can't
    /// start a second run, and a trigger in doubt names the run to look for.
    /// </remarks>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The overloads differ in their required first parameter, one request or many, so no call binds to both.")]
    public virtual Task<TriggeredRun> TriggerAsync(WorkflowTriggerRequest request, CancellationToken cancellationToken = default) =>
        new TriggerOperation(Pipeline).TriggerAsync(request, nameof(request), cancellationToken);

    /// <summary>Starts many workflow runs, and returns them in the order of the requests.</summary>
    /// <param name="requests">The runs to start: at least one; no two with the same <see cref="WorkflowTriggerRequest.WorkflowRunId"/>.</param>
    /// <param name="cancellationToken">Stops between requests and aborts the request in flight; runs started before stay started.</param>
    /// <returns>One run per request, in order.</returns>
    /// <exception cref="ArgumentException">
    /// The list is empty, or a request breaks a rule (the message names it as <c>requests[i].Property</c>, with the fix).
    /// Nothing was sent.
    /// </exception>
    /// <exception cref="OutcomeUnknownException">
    /// A request failed in a way that may have started its runs, and no answer came after it: their ids are
    /// <see cref="OutcomeUnknownException.InDoubtIds"/>, those of earlier requests <see cref="OutcomeUnknownException.DoneIds"/>,
    /// those never sent <see cref="OutcomeUnknownException.NotAttemptedIds"/>. Triggering the in-doubt requests again with
    /// those ids is safe.
    /// </exception>
    /// <exception cref="WorkflowApiException">The service refused a request; the runs of earlier requests stay started.</exception>
    /// <remarks>
    /// <para><c>POST /v2/batch/trigger</c>, at most <see cref="WorkflowTriggerRequest.MaxPerRequest"/> runs a request,
    /// one request at a time, in order: a JSON array of <c>{"destination", "headers", "body"}</c>, the headers those
    /// <see cref="TriggerAsync(WorkflowTriggerRequest, CancellationToken)"/> sends (with the payload's
    /// <c>Content-Type</c>), the payload as text. So each payload must be valid UTF-8; send bytes that are not with the
    /// single trigger.</para>
    /// Every run carries a run id (see the single trigger), so a retry after a lost answer starts no run twice: the service
    /// answers the runs the lost attempt started as deduplicated (<see cref="TriggeredRun.Deduplicated"/>). To be able to
    /// repeat the whole call after a failure, give each request its own <see cref="WorkflowTriggerRequest.WorkflowRunId"/>.
    /// </remarks>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The overloads differ in their required first parameter, one request or many, so no call binds to both.")]
    public virtual Task<IReadOnlyList<TriggeredRun>> TriggerAsync(IEnumerable<WorkflowTriggerRequest> requests, CancellationToken cancellationToken = default) =>
        new TriggerOperation(Pipeline).TriggerAsync(requests, nameof(requests), cancellationToken);

    /// <summary>
    /// Delivers an event to every workflow step waiting for it (<c>context.waitForEvent</c>), and returns what it did
    /// for each.
    /// </summary>
    /// <param name="eventId">The event id the steps wait for; sent percent-escaped in the path.</param>
    /// <param name="data">The event's data, which each waiting step receives; null sends none.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    /// <returns>The waiters notified, in the service's order; none when nothing was waiting.</returns>
    /// <exception cref="ArgumentException"><paramref name="eventId"/> is blank or has a control character. Nothing was sent.</exception>
    /// <exception cref="WorkflowApiException">The service refused the notify (the message says why).</exception>
    /// <exception cref="OutcomeUnknownException">
    /// An attempt failed in a way that may have delivered the event, and no answer came after it: the event id is
    /// <see cref="OutcomeUnknownException.InDoubtIds"/>. Notifying again is safe: a waiter takes an event once.
    /// </exception>
    /// <remarks>
    /// <para><c>POST /v2/notify/{eventId}</c>, the data as the body with its <c>Content-Type</c>. The event reaches the
    /// steps waiting when the service gets it; with none waiting it is lost. To deliver to one run even if it is not
    /// waiting yet, use <see cref="NotifyRunAsync"/>; to see who waits, <see cref="GetWaitersAsync"/>.</para>
    /// A lost answer is retried, which notifies no waiter twice; when a retry answered, the waiters the lost attempt
    /// notified are not listed, and <see cref="NotifyResult.MayHaveNotifiedMore"/> says so.
    /// </remarks>
    public virtual Task<NotifyResult> NotifyAsync(string eventId, WorkflowPayload? data = null, CancellationToken cancellationToken = default) =>
        new NotifyOperation(Pipeline).NotifyAsync(eventId, data, cancellationToken);

    /// <summary>
    /// Delivers an event to one workflow run: to its step waiting for it, or, when none waits yet, to the run's next wait
    /// for it.
    /// </summary>
    /// <param name="workflowRunId">The run's full id; sent percent-escaped in the path.</param>
    /// <param name="eventId">The event id the run waits for; sent percent-escaped in the path.</param>
    /// <param name="data">The event's data; null sends none.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    /// <returns>What the service did: the waiter notified, or the event kept for the run's next wait.</returns>
    /// <exception cref="ArgumentException">An id is blank or has a control character. Nothing was sent.</exception>
    /// <exception cref="WorkflowApiException">The service refused the notify (the message says why).</exception>
    /// <exception cref="OutcomeUnknownException">
    /// The attempt failed in a way that may have delivered or kept the event: the run id is
    /// <see cref="OutcomeUnknownException.InDoubtIds"/>. Check the run's logs (<see cref="GetAsync"/>) before notifying again.
    /// </exception>
    /// <remarks>
    /// <c>POST /v2/notify/{workflowRunId}/{eventId}</c>. The service keeps an event no step waits for yet, so a repeat of
    /// a delivered notify would be kept for a later wait of the same event: an attempt that may have been applied (a
    /// timeout, a dropped connection, a 5xx) is therefore not retried. A 429, or a connection never made, is.
    /// </remarks>
    public virtual Task<NotifiedWaiter> NotifyRunAsync(string workflowRunId, string eventId, WorkflowPayload? data = null, CancellationToken cancellationToken = default) =>
        new NotifyOperation(Pipeline).NotifyRunAsync(workflowRunId, eventId, data, cancellationToken);

    /// <summary>Lists the workflow steps waiting for an event (<c>context.waitForEvent</c>).</summary>
    /// <param name="eventId">The event id; sent percent-escaped in the path.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    /// <returns>The waiters, in the service's order; empty when none waits.</returns>
    /// <exception cref="ArgumentException"><paramref name="eventId"/> is blank or has a control character. Nothing was sent.</exception>
    /// <exception cref="WorkflowApiException">The service refused the request.</exception>
    /// <remarks><c>GET /v2/waiters/{eventId}</c>, one request; it changes nothing, so every transient failure is retried.</remarks>
    public virtual Task<IReadOnlyList<EventWaiter>> GetWaitersAsync(string eventId, CancellationToken cancellationToken = default) =>
        new NotifyOperation(Pipeline).GetWaitersAsync(eventId, cancellationToken);

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
