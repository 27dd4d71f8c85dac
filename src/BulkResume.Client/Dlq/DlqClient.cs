using System.Net;
using BulkResume.Internal.Http;
using BulkResume.Internal.Operations;
using BulkResume.Internal.Paging;
using BulkResume.Internal.Selection;
using BulkResume.Internal.Validation;
using BulkResume.Internal.Wire;

namespace BulkResume;

/// <summary>
/// The workflow Dead Letter Queue: list and read entries, resume, restart or delete them one by one or in bulk, and
/// retry or cancel failure callbacks.
/// </summary>
/// <remarks>
/// <para>Get it from <see cref="WorkflowClient.Dlq"/>. Members are virtual so that tests can mock them (see
/// <see cref="DlqModelFactory"/> and <see cref="AsyncPageable{T}.FromPages"/>).</para>
/// <para>A bulk action and <see cref="ListAsync"/> take the same <see cref="ResumeFilter"/>: list first to preview what
/// the action will touch. A blank DLQ id is refused before anything is sent; an id in a path or a query is sent
/// percent-escaped.</para>
/// By explicit ids (<see cref="ResumeFilter.ForDlqIds(string[])"/>), the ids go out in requests of at most 50, in order:
/// a restart to <c>POST /v2/workflows/dlq/restart/multi</c> and a delete to <c>DELETE /v2/workflows/dlq/multi</c>, with
/// the ids in a JSON body (<c>{"dlqIds": [...]}</c>); a resume as repeated <c>dlqIds</c> on
/// <c>POST /v2/workflows/dlq/resume</c>, since no <c>/resume/multi</c> is documented.
/// </remarks>
public class DlqClient
{
    private const string DlqPath = "/v2/workflows/dlq";
    private const string ResumePath = "/v2/workflows/dlq/resume";
    private const string RestartPath = "/v2/workflows/dlq/restart";
    private const string DeleteByIdsPath = "/v2/workflows/dlq/multi";
    private const string RestartByIdsPath = "/v2/workflows/dlq/restart/multi";

    // Resume by ids has no /multi path: no page of the service documents POST /v2/workflows/dlq/resume/multi (see the
    // bulk-actions contract), and a service without that route would answer 404, which reads as "none of these ids is
    // in the DLQ". Its ids stay repeated dlqIds on /resume, the documented form, until the route is documented.
    private const string? ResumeByIdsPath = null;
    private const string CallbackPath = "/v2/workflows/dlq/callback";
    private const string ResumeActionPath = "/v2/workflows/dlq/resume/bulk";
    private const string RestartActionPath = "/v2/workflows/dlq/restart/bulk";
    private const string DeleteActionPath = "/v2/workflows/dlq/bulk";

    private readonly WorkflowPipeline? _pipeline;

    /// <summary>For mocking only: every member called on an instance created this way must be overridden.</summary>
    protected DlqClient()
    {
    }

    internal DlqClient(WorkflowPipeline pipeline)
    {
        _pipeline = pipeline;
    }

    /// <summary>
    /// Lists the DLQ entries that <paramref name="filter"/> selects, lazily, page by page: the dry-run preview of a
    /// bulk action with the same filter.
    /// </summary>
    /// <remarks>
    /// <para>Listing changes nothing, so an empty <see cref="ResumeFilter.Create"/> is allowed here and lists every
    /// entry.</para>
    /// With criteria, each page is one <c>GET /v2/workflows/dlq</c> following the service's cursor. With explicit ids
    /// (<see cref="ResumeFilter.ForDlqIds(string[])"/>), which the list endpoint does not take, each id is read with
    /// <c>GET /v2/workflows/dlq/{dlqId}</c>, four at a time, and the page lists them in the order given; an id that is
    /// not in the DLQ is left out.
    /// </remarks>
    /// <param name="filter">What to list: criteria, explicit ids, or nothing for every entry.</param>
    /// <param name="pageSize">Entries per page, 1 to 100: the <c>count</c> sent with criteria, the ids read per page with ids; null for 100.</param>
    /// <param name="cancellationToken">Stops the enumeration between pages and aborts the requests in flight.</param>
    /// <returns>The entries, lazily; use <see cref="AsyncPageable{T}.AsPages(string?, int?)"/> for pages and cursors.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pageSize"/> is outside 1 to 100. Nothing was sent.</exception>
    public virtual AsyncPageable<DlqMessage> ListAsync(ResumeFilter filter, int? pageSize = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        PageSizeRange.Ensure(pageSize, PageSizeRange.MaxList, nameof(pageSize));
        filter.EnsureFor(SelectionOperations.DlqList, "DlqClient.ListAsync", nameof(filter));
        if (filter.HasDlqIds)
        {
            return new DlqIdsPreviewOperation(Pipeline, DlqPath, filter.DlqIds, pageSize ?? PageSizeRange.MaxList).ToPageable(cancellationToken);
        }

        return new ListOperation<DlqListResponseWire, DlqMessage>(
                Pipeline,
                DlqPath,
                filter.AppendTo,
                WorkflowJsonContext.Default.DlqListResponseWire,
                static answer => (answer.Messages is null ? [] : answer.Messages.ConvertAll(message => message.ToModel()), answer.Cursor),
                pageSize,
                PageSizeRange.MaxList)
            .ToPageable(cancellationToken);
    }

    /// <summary>Reads one DLQ entry.</summary>
    /// <param name="dlqId">The entry's id (<see cref="DlqMessage.DlqId"/>).</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    /// <returns>The entry, or <see langword="null"/> when the service answers 404: it is not (or no longer) in the DLQ.</returns>
    /// <exception cref="ArgumentException"><paramref name="dlqId"/> is blank or has a control character. Nothing was sent.</exception>
    /// <exception cref="WorkflowApiException">The service answered another error.</exception>
    public virtual Task<DlqMessage?> GetAsync(string dlqId, CancellationToken cancellationToken = default)
    {
        var request = DlqEntryRequest.Create(HttpMethod.Get, DlqPath, dlqId, nameof(dlqId));
        return DlqEntryReader.ReadAsync(Pipeline, request, cancellationToken);
    }

    /// <summary>
    /// Resumes the failed runs that <paramref name="filter"/> selects, continuing each from its failed step as a new
    /// run.
    /// </summary>
    /// <param name="filter">What to resume: criteria, explicit ids, or <see cref="ResumeFilter.All"/>. An empty filter is refused.</param>
    /// <param name="options">Overrides for the new runs (retries, delay, retry delay, flow control, labels, failure callback) and the page size; null keeps the original runs' settings.</param>
    /// <remarks>
    /// <para>Enumerate the result to run the operation: each page is one request of at most 50 runs, sent only when the
    /// previous page has been consumed, following the service's cursor until every matching entry is processed.</para>
    /// With <see cref="ResumeOptions.MaxConcurrency"/> above 1, up to that many requests are in flight over disjoint
    /// parts of the selection, and each page is yielded as it completes: pages of different parts interleave, and
    /// carry no continuation token. By criteria, the entries that fail after the enumeration started are left for
    /// another run. See docs/paging.md.
    /// </remarks>
    /// <param name="cancellationToken">Stops the enumeration between pages and aborts the requests in flight.</param>
    /// <returns>The new runs, lazily; use <see cref="AsyncPageable{T}.AsPages(string?, int?)"/> for pages and cursors.</returns>
    /// <exception cref="ArgumentException">The filter selects nothing explicit, or an option breaks its rule (the message says which and how to fix it). Nothing was sent.</exception>
    public virtual AsyncPageable<ResumedRun> BulkResumeAsync(ResumeFilter filter, ResumeOptions? options = null, CancellationToken cancellationToken = default) =>
        BulkRun(SelectionOperations.BulkResume, "BulkResume", ResumePath, ResumeByIdsPath, filter, options, cancellationToken);

    /// <summary>
    /// Resumes one failed run from its failed step as a new run: its successful steps are kept, the failed and pending
    /// ones run again, and the entry leaves the DLQ.
    /// </summary>
    /// <param name="dlqId">The entry's id (<see cref="DlqMessage.DlqId"/>).</param>
    /// <param name="options">Overrides for the new run (retries, delay, retry delay, flow control, labels, failure callback); null keeps the original run's. <see cref="ResumeOptions.PageSize"/> does not apply.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    /// <returns>The new run.</returns>
    /// <exception cref="ArgumentException"><paramref name="dlqId"/> is blank or has a control character, or an option breaks its rule (the message says which and how to fix it). Nothing was sent.</exception>
    /// <exception cref="DlqEntriesNotFoundException">The entry is not (or no longer) in the DLQ.</exception>
    /// <exception cref="OutcomeUnknownException">An attempt failed in a way that may have resumed the entry, and a retry found it gone.</exception>
    public virtual Task<ResumedRun> ResumeAsync(string dlqId, ResumeOptions? options = null, CancellationToken cancellationToken = default) =>
        SendRunAsync(ResumePath, dlqId, options, cancellationToken);

    /// <summary>
    /// Restarts one failed run as a new run from the original payload: every step result is discarded and the workflow
    /// starts over.
    /// </summary>
    /// <param name="dlqId">The entry's id (<see cref="DlqMessage.DlqId"/>).</param>
    /// <param name="options">Overrides for the new run (retries, delay, retry delay, flow control, labels, failure callback); null keeps the original run's. <see cref="ResumeOptions.PageSize"/> does not apply.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    /// <returns>The new run.</returns>
    /// <exception cref="ArgumentException"><paramref name="dlqId"/> is blank or has a control character, or an option breaks its rule (the message says which and how to fix it). Nothing was sent.</exception>
    /// <exception cref="DlqEntriesNotFoundException">The entry is not (or no longer) in the DLQ.</exception>
    /// <exception cref="OutcomeUnknownException">An attempt failed in a way that may have restarted the entry, and a retry found it gone.</exception>
    /// <remarks>The entry leaves the DLQ.</remarks>
    public virtual Task<ResumedRun> RestartAsync(string dlqId, ResumeOptions? options = null, CancellationToken cancellationToken = default) =>
        SendRunAsync(RestartPath, dlqId, options, cancellationToken);

    /// <summary>
    /// Restarts the failed runs that <paramref name="filter"/> selects, each as a new run from its original payload
    /// (every step result discarded).
    /// </summary>
    /// <param name="filter">What to restart: criteria, explicit ids, or <see cref="ResumeFilter.All"/>. An empty filter is refused.</param>
    /// <param name="options">Overrides for the new runs (retries, delay, retry delay, flow control, labels, failure callback) and the page size; null keeps the original runs' settings.</param>
    /// <remarks>
    /// <para>Pages exactly like <see cref="BulkResumeAsync"/>: at most 50 runs per request, each sent only when the
    /// previous page has been consumed.</para>
    /// With <see cref="ResumeOptions.MaxConcurrency"/> above 1, pages as <see cref="BulkResumeAsync"/> does: requests
    /// in flight over disjoint parts, pages yielded as they complete, interleaved. See docs/paging.md.
    /// </remarks>
    /// <param name="cancellationToken">Stops the enumeration between pages and aborts the requests in flight.</param>
    /// <returns>The new runs, lazily; use <see cref="AsyncPageable{T}.AsPages(string?, int?)"/> for pages and cursors.</returns>
    /// <exception cref="ArgumentException">The filter selects nothing explicit, or an option breaks its rule (the message says which and how to fix it). Nothing was sent.</exception>
    public virtual AsyncPageable<ResumedRun> BulkRestartAsync(ResumeFilter filter, ResumeOptions? options = null, CancellationToken cancellationToken = default) =>
        BulkRun(SelectionOperations.BulkRestart, "BulkRestart", RestartPath, RestartByIdsPath, filter, options, cancellationToken);

    /// <summary>Deletes one DLQ entry; its run is not resumed.</summary>
    /// <param name="dlqId">The entry's id (<see cref="DlqMessage.DlqId"/>).</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    /// <returns><see langword="true"/> when the entry was deleted; <see langword="false"/> when the service answers 404 (it was not in the DLQ).</returns>
    /// <exception cref="ArgumentException"><paramref name="dlqId"/> is blank or has a control character. Nothing was sent.</exception>
    /// <exception cref="OutcomeUnknownException">An attempt failed in a way that may have deleted the entry, and a retry found it gone.</exception>
    public virtual Task<bool> DeleteAsync(string dlqId, CancellationToken cancellationToken = default)
    {
        var request = DlqEntryRequest.Create(HttpMethod.Delete, DlqPath, dlqId, nameof(dlqId));
        return DeleteCoreAsync(request, dlqId, cancellationToken);
    }

    /// <summary>
    /// Deletes the DLQ entries that <paramref name="filter"/> selects, following the service's cursor (explicit ids in
    /// requests of at most 50) until none is left, and returns how many were deleted.
    /// </summary>
    /// <remarks>
    /// This returns a total rather than pages on purpose: a page of a delete carries only a count, and a saved cursor
    /// buys nothing, because deleted entries leave the DLQ, so running the same criteria again continues where a failed
    /// call stopped. Preview the selection with <see cref="ListAsync"/> first. If an attempt fails in a way that may have
    /// been applied and a retry succeeds, the entries that attempt deleted are gone but not counted.
    /// </remarks>
    /// <param name="filter">What to delete: criteria, explicit ids, or <see cref="ResumeFilter.All"/> for the whole DLQ. An empty filter is refused.</param>
    /// <param name="cancellationToken">Stops between requests and aborts the request in flight; entries deleted before stay deleted.</param>
    /// <returns>The number of entries deleted.</returns>
    /// <exception cref="ArgumentException">The filter selects nothing explicit. Nothing was sent.</exception>
    /// <exception cref="DlqEntriesNotFoundException">With explicit ids: some of a request's ids are not in the DLQ. Earlier requests' deletions stand.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The Azure SDK shape: the overloads differ in a required options parameter, so no call binds to both, and the original signature is unchanged.")]
    public virtual Task<long> BulkDeleteAsync(ResumeFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        filter.EnsureFor(SelectionOperations.BulkDelete, "DlqClient.BulkDeleteAsync", nameof(filter));
        return new BulkDeleteOperation(Pipeline, DlqPath, DeleteByIdsPath, filter).RunAsync(maxConcurrency: null, gracefulStop: default, cancellationToken);
    }

    /// <summary>
    /// Deletes the DLQ entries that <paramref name="filter"/> selects as <see cref="BulkDeleteAsync(ResumeFilter, CancellationToken)"/>
    /// does, with <see cref="BulkDeleteOptions.MaxConcurrency"/> requests in flight at once over disjoint parts of the
    /// selection, and returns how many were deleted.
    /// </summary>
    /// <remarks>
    /// With criteria, the parts are failure-time ranges within the filter's, and the entries that fail after the call
    /// started are left (see docs/paging.md). The first failure stops the call between requests; the requests in
    /// flight are waited for. With explicit ids, a request in doubt ends it with a
    /// <see cref="OutcomeUnknownException"/> that says which ids were deleted, which are in doubt and which were
    /// not deleted.
    /// </remarks>
    /// <param name="filter">What to delete: criteria, explicit ids, or <see cref="ResumeFilter.All"/> for the whole DLQ. An empty filter is refused.</param>
    /// <param name="options">How many requests to keep in flight.</param>
    /// <param name="cancellationToken">Stops every request between requests and aborts those in flight; entries deleted before stay deleted.</param>
    /// <returns>The number of entries deleted.</returns>
    /// <exception cref="ArgumentException">The filter selects nothing explicit, or <see cref="BulkDeleteOptions.DlqIdsProgress"/> is given with criteria or already records another call. Nothing was sent.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="BulkDeleteOptions.MaxConcurrency"/> is outside 1 to <see cref="ResumeOptions.MaxConcurrencyLimit"/>. Nothing was sent.</exception>
    /// <exception cref="DlqEntriesNotFoundException">With explicit ids: some of a request's ids are not in the DLQ (unless <see cref="BulkDeleteOptions.SkipMissingDlqIds"/>). Other requests' deletions stand.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The Azure SDK shape: the overloads differ in a required options parameter, so no call binds to both, and the original signature is unchanged.")]
    public virtual Task<long> BulkDeleteAsync(ResumeFilter filter, BulkDeleteOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(options);
        filter.EnsureFor(SelectionOperations.BulkDelete, "DlqClient.BulkDeleteAsync", nameof(filter));
        ConcurrencyRange.Ensure(options.MaxConcurrency, nameof(options), "BulkDeleteOptions.MaxConcurrency");
        options.DlqIdsProgress?.Start(filter, "BulkDeleteOptions.DlqIdsProgress", nameof(options));
        return new BulkDeleteOperation(Pipeline, DlqPath, DeleteByIdsPath, filter, options.DlqIdsProgress, options.SkipMissingDlqIds).RunAsync(options.MaxConcurrency, options.GracefulStop, cancellationToken);
    }

    /// <summary>
    /// Starts a bulk action in which the service resumes every DLQ entry that <paramref name="filter"/> selects, by
    /// itself, and returns once the action exists, with an operation to watch it.
    /// </summary>
    /// <param name="filter">What to resume: criteria, or <see cref="ResumeFilter.All"/>. An empty filter, and explicit ids, are refused.</param>
    /// <param name="options">Overrides for the new runs (retries, delay, retry delay, flow control, labels, failure callback); null keeps the original runs' settings. The options of the client's own paging (<see cref="ResumeOptions.PageSize"/>, <see cref="ResumeOptions.MaxConcurrency"/>, ...) are refused.</param>
    /// <param name="cancellationToken">Aborts the request that starts the action.</param>
    /// <returns>The operation: <see cref="BulkActionOperation.WaitForCompletionAsync"/> follows the action to its end.</returns>
    /// <exception cref="ArgumentException">The filter selects nothing explicit or names ids, or an option breaks its rule or does not apply (the message says which and how to fix it). Nothing was sent.</exception>
    /// <exception cref="WorkflowApiException">The service refused the action: status 409 when an action with the same selection and other overrides is running (the message names it).</exception>
    /// <remarks>
    /// <para>Use it for a large selection that should finish without the caller: the work survives the caller's process,
    /// and the one request costs the same for 10 or 100,000 entries. Use <see cref="BulkResumeAsync"/> instead when you
    /// need the new runs' ids, or an exact account page by page: an action reports only counts.</para>
    /// <para>The same request while an identical one runs (the same selection and overrides) returns the running action
    /// and starts nothing, so the client's retry after a lost answer is safe: it returns the action the lost answer
    /// named, or, if that one has finished meanwhile, starts one over what is left of the selection, which the first
    /// took out of the DLQ. A running action can't be cancelled. See docs/bulk-actions.md.</para>
    /// <c>POST /v2/workflows/dlq/resume/bulk</c> with the selection as query and the overrides as headers.
    /// </remarks>
    public virtual Task<BulkActionOperation> StartBulkResumeAsync(ResumeFilter filter, ResumeOptions? options = null, CancellationToken cancellationToken = default) =>
        StartBulkRunAsync(SelectionOperations.StartBulkResume, "StartBulkResume", "BulkResume", ResumeActionPath, filter, options, cancellationToken);

    /// <summary>
    /// Starts a bulk action in which the service restarts every DLQ entry that <paramref name="filter"/> selects (each
    /// as a new run from its original payload), by itself, and returns once the action exists.
    /// </summary>
    /// <param name="filter">What to restart: criteria, or <see cref="ResumeFilter.All"/>. An empty filter, and explicit ids, are refused.</param>
    /// <param name="options">Overrides for the new runs; null keeps the original runs' settings. The options of the client's own paging are refused.</param>
    /// <param name="cancellationToken">Aborts the request that starts the action.</param>
    /// <returns>The operation: <see cref="BulkActionOperation.WaitForCompletionAsync"/> follows the action to its end.</returns>
    /// <exception cref="ArgumentException">The filter selects nothing explicit or names ids, or an option breaks its rule or does not apply (the message says which and how to fix it). Nothing was sent.</exception>
    /// <exception cref="WorkflowApiException">The service refused the action: status 409 when an action with the same selection and other overrides is running.</exception>
    /// <remarks>
    /// As <see cref="StartBulkResumeAsync"/>, with <c>POST /v2/workflows/dlq/restart/bulk</c>; use
    /// <see cref="BulkRestartAsync"/> when you need the new runs' ids.
    /// </remarks>
    public virtual Task<BulkActionOperation> StartBulkRestartAsync(ResumeFilter filter, ResumeOptions? options = null, CancellationToken cancellationToken = default) =>
        StartBulkRunAsync(SelectionOperations.StartBulkRestart, "StartBulkRestart", "BulkRestart", RestartActionPath, filter, options, cancellationToken);

    /// <summary>
    /// Starts a bulk action in which the service deletes every DLQ entry that <paramref name="filter"/> selects, by
    /// itself, and returns once the action exists.
    /// </summary>
    /// <param name="filter">What to delete: criteria, or <see cref="ResumeFilter.All"/> for the whole DLQ. An empty filter, and explicit ids, are refused.</param>
    /// <param name="cancellationToken">Aborts the request that starts the action.</param>
    /// <returns>The operation: <see cref="BulkActionOperation.WaitForCompletionAsync"/> follows the action to its end.</returns>
    /// <exception cref="ArgumentException">The filter selects nothing explicit or names ids. Nothing was sent.</exception>
    /// <exception cref="WorkflowApiException">The service refused the action.</exception>
    /// <remarks>
    /// As <see cref="StartBulkResumeAsync"/>, with <c>DELETE /v2/workflows/dlq/bulk</c>; use
    /// <see cref="BulkDeleteAsync(ResumeFilter, CancellationToken)"/> for the exact count as the call returns.
    /// </remarks>
    public virtual Task<BulkActionOperation> StartBulkDeleteAsync(ResumeFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        filter.EnsureForAction(SelectionOperations.StartBulkDelete, "DlqClient.StartBulkDeleteAsync", "DlqClient.BulkDeleteAsync", nameof(filter));
        return BulkActionRequests.StartAsync(Pipeline, SelectionRequest(HttpMethod.Delete, DeleteActionPath, filter), cancellationToken);
    }

    /// <summary>Calls the failure callback of a failed run again.</summary>
    /// <param name="dlqId">The entry's id (<see cref="DlqMessage.DlqId"/>); its <see cref="FailureCallbackInfo.State"/> should be <see cref="FailureCallbackState.Failed"/>.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    /// <returns>The run the service answers with.</returns>
    /// <exception cref="ArgumentException"><paramref name="dlqId"/> is blank or has a control character. Nothing was sent.</exception>
    /// <exception cref="DlqEntriesNotFoundException">The entry is not in the DLQ.</exception>
    /// <exception cref="WorkflowApiException">Status 400: the entry's failure callback has not failed.</exception>
    /// <exception cref="OutcomeUnknownException">An attempt failed in a way that may have called the callback again, and a retry was refused with 400.</exception>
    /// <remarks>The service allows this only when the callback failed.</remarks>
    public virtual Task<ResumedRun> RetryFailureCallbackAsync(string dlqId, CancellationToken cancellationToken = default)
    {
        var request = DlqEntryRequest.Create(HttpMethod.Post, CallbackPath, dlqId, nameof(dlqId));
        return SendForRunAsync(ActionOutcome.OnFailureCallback(Pipeline), request, dlqId, countAsResumed: false, cancellationToken);
    }

    /// <summary>
    /// Cancels a failure callback in progress (one that <see cref="RetryFailureCallbackAsync"/> started).
    /// </summary>
    /// <param name="dlqId">The entry's id (<see cref="DlqMessage.DlqId"/>); its <see cref="DlqMessage.FailureCallbackState"/> should be <see cref="FailureCallbackState.InProgress"/>.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    /// <returns>A task that completes when the service has canceled the callback (it answers 302 without a body).</returns>
    /// <exception cref="ArgumentException"><paramref name="dlqId"/> is blank or has a control character. Nothing was sent.</exception>
    /// <exception cref="DlqEntriesNotFoundException">The entry is not in the DLQ.</exception>
    /// <exception cref="WorkflowApiException">Status 400: no failure callback of the entry is in progress.</exception>
    /// <exception cref="OutcomeUnknownException">An attempt failed in a way that may have canceled the callback, and a retry was refused with 400.</exception>
    /// <remarks>The service allows this only while the callback is in progress.</remarks>
    public virtual Task CancelFailureCallbackAsync(string dlqId, CancellationToken cancellationToken = default)
    {
        var request = DlqEntryRequest.Create(HttpMethod.Delete, CallbackPath, dlqId, nameof(dlqId), alsoSuccess: HttpStatusCode.Redirect);
        return ActionOutcome.OnFailureCallback(Pipeline).SendAsync(request, dlqId, cancellationToken);
    }

    private WorkflowPipeline Pipeline =>
        _pipeline ?? throw new InvalidOperationException("This DlqClient was created for mocking; override the member you call.");

    private AsyncPageable<ResumedRun> BulkRun(SelectionOperations operation, string operationName, string path, string? idsPath, ResumeFilter filter, ResumeOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        filter.EnsureFor(operation, $"DlqClient.{operationName}Async", nameof(filter));
        var overrides = RunOverrides.From(options, nameof(options));
        overrides.DlqIdsProgress?.Start(filter, "ResumeOptions.DlqIdsProgress", nameof(options));
        return new BulkRunOperation(Pipeline, operationName, path, idsPath, DlqPath, filter, overrides).ToPageable(cancellationToken);
    }

    private Task<BulkActionOperation> StartBulkRunAsync(SelectionOperations operation, string operationName, string syncName, string path, ResumeFilter filter, ResumeOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        filter.EnsureForAction(operation, $"DlqClient.{operationName}Async", $"DlqClient.{syncName}Async", nameof(filter));
        var overrides = RunOverrides.ForBulkAction(options, $"DlqClient.{operationName}Async", $"DlqClient.{syncName}Async", nameof(options));
        var request = SelectionRequest(HttpMethod.Post, path, filter);
        overrides.ApplyTo(request);
        return BulkActionRequests.StartAsync(Pipeline, request, cancellationToken);
    }

    /// <summary>A request that carries the whole selection as its query: no count, no cursor.</summary>
    private static WorkflowRequest SelectionRequest(HttpMethod method, string path, ResumeFilter filter)
    {
        var request = new WorkflowRequest(method, path);
        filter.AppendTo(request.Query);
        return request;
    }

    private Task<ResumedRun> SendRunAsync(string path, string dlqId, ResumeOptions? options, CancellationToken cancellationToken)
    {
        var request = DlqEntryRequest.Create(HttpMethod.Post, path, dlqId, nameof(dlqId));
        RunOverrides.From(options, nameof(options)).ApplyTo(request);
        return SendForRunAsync(ActionOutcome.TakingEntries(Pipeline), request, dlqId, countAsResumed: true, cancellationToken);
    }

    private async Task<ResumedRun> SendForRunAsync(ActionOutcome outcome, WorkflowRequest request, string dlqId, bool countAsResumed, CancellationToken cancellationToken)
    {
        var answer = await outcome.SendAsync(request, dlqId, WorkflowJsonContext.Default.ResumedRunWire, cancellationToken).ConfigureAwait(false);
        if (countAsResumed)
        {
            Pipeline.Telemetry.RunsResumed.Add(1, new KeyValuePair<string, object?>("url.template", request.Route));
        }

        return answer.ToModel();
    }

    private async Task<bool> DeleteCoreAsync(WorkflowRequest request, string dlqId, CancellationToken cancellationToken)
    {
        try
        {
            await ActionOutcome.TakingEntries(Pipeline).SendAsync(request, dlqId, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DlqEntriesNotFoundException)
        {
            return false;
        }
    }
}
