namespace BulkResume;

/// <summary>Overrides for the runs a resume or restart creates, and the page size.</summary>
/// <remarks>
/// <para>What is left null keeps the original run's value. Each override is checked when the call is made, before anything
/// is sent.</para>
/// A bulk action (<see cref="DlqClient.StartBulkResumeAsync"/>, <see cref="DlqClient.StartBulkRestartAsync"/>) takes
/// the overrides only: the options of the client's own paging and draining (<see cref="PageSize"/>,
/// <see cref="MaxConcurrency"/>, <see cref="OnUnknownOutcome"/>, <see cref="GracefulStop"/>,
/// <see cref="DlqIdsProgress"/>, <see cref="SkipMissingDlqIds"/>) are refused there.
/// </remarks>
public sealed class ResumeOptions
{
    /// <summary>The most runs resumed per request that the service allows.</summary>
    public const int MaxPageSize = 50;

    /// <summary>
    /// The largest <see cref="MaxConcurrency"/>: beyond it a drain gains nothing but rate limits, and each request in
    /// flight holds a connection.
    /// </summary>
    public const int MaxConcurrencyLimit = 32;

    /// <summary>A new flow-control key and limits for the resumed runs; null keeps the originals.</summary>
    public FlowControl? FlowControl { get; set; }

    /// <summary>The retry count for the resumed steps (<c>Upstash-Retries</c>); null keeps the original; not negative.</summary>
    public int? Retries { get; set; }

    /// <summary>
    /// How long the service waits before it runs the next step of each new run (<c>Upstash-Delay</c>): whole seconds,
    /// zero or more, sent in the largest unit that divides it exactly (<c>90s</c>, <c>5m</c>, <c>2h</c>, <c>1d</c>).
    /// </summary>
    /// <remarks>Null runs the next step at once.</remarks>
    public TimeSpan? Delay { get; set; }

    /// <summary>
    /// How long to wait between retries of the remaining steps (<c>Upstash-Retry-Delay</c>): an arithmetic expression
    /// giving milliseconds, of the variable <c>retried</c> (the retry count, from 0), with <c>+ - * /</c>, unary minus,
    /// parentheses and the functions <c>pow(a, b)</c>, <c>sqrt</c>, <c>abs</c>, <c>exp</c>, <c>floor</c>, <c>ceil</c>,
    /// <c>round</c>, <c>min(a, b)</c>, <c>max(a, b)</c>; for example <c>1000 * (1 + retried)</c> or
    /// <c>pow(2, retried) * 1000</c>.
    /// </summary>
    /// <remarks>Its syntax is checked before sending. Null keeps the original.</remarks>
    public string? RetryDelay { get; set; }

    /// <summary>
    /// The labels of the new runs (<c>Upstash-Label</c>, comma-joined): they replace the original run's labels.
    /// </summary>
    /// <remarks>
    /// At least one; none blank, none with a comma or a control character, ASCII only. Null keeps the original labels.
    /// </remarks>
    public IReadOnlyList<string>? Labels { get; set; }

    /// <summary>
    /// The failure callback of the new runs (<c>Upstash-Failure-Callback</c>): an absolute http or https URL.
    /// </summary>
    /// <remarks>Null keeps the original.</remarks>
    public Uri? FailureCallbackUrl { get; set; }

    /// <summary>
    /// How many runs to resume per request (<c>count</c>), 1 to 50; null lets the service choose (at most 50).
    /// </summary>
    /// <remarks>
    /// A different <c>pageSizeHint</c> given to <c>AsPages</c> is refused with an <see cref="ArgumentException"/>
    /// before its page is sent.
    /// </remarks>
    public int? PageSize { get; set; }

    /// <summary>
    /// How many requests a bulk resume or restart keeps in flight at once, 1 to <see cref="MaxConcurrencyLimit"/>.
    /// </summary>
    /// <remarks>
    /// Null or 1: one request at a time, each page requested when the previous one has been consumed, in the service's
    /// order. More: the selection is split into disjoint parts (explicit ids in chunks of the page size; criteria by
    /// failure time, split further while a part keeps answering full pages) that are drained side by side, and each
    /// page is yielded as it completes, so pages of different parts interleave. A drain by criteria takes the entries
    /// that failed up to the moment the enumeration started (by the client's clock; the caller's
    /// <see cref="ResumeFilter.FailedBefore"/> when earlier). Pages carry no continuation token, and
    /// <see cref="AsyncPageable{T}.AsPages(string?, int?)"/> refuses one: run the same selection again to continue,
    /// because resumed entries have left the DLQ. Does not apply to a call on one entry. See docs/paging.md.
    /// </remarks>
    public int? MaxConcurrency { get; set; }

    /// <summary>
    /// Called, with criteria, for each attempt of a page that may have been applied by the service without its answer
    /// reaching the client (a timeout, a dropped connection, a 5xx), whether a retry then succeeded or the page failed
    /// in the end, so some runs were resumed without the client seeing them (see <see cref="UnknownPageOutcome"/>).
    /// </summary>
    /// <remarks>
    /// Retrying a bulk resume by criteria never resumes an entry twice, because resumed entries leave the DLQ. With
    /// <see cref="MaxConcurrency"/> above 1 several pages can fail at once and only the first failure is thrown: this
    /// hears them all. The pages run side by side, but the calls are serialized: never two at once.
    /// </remarks>
    public Action<UnknownPageOutcome>? OnUnknownOutcome { get; set; }

    /// <summary>
    /// Ends a bulk resume or restart early without losing a page: once signaled, no new request is started, the
    /// requests in flight finish (their retries and rate-limit waits included) and their pages are yielded, and then
    /// the enumeration ends, without an exception.
    /// </summary>
    /// <remarks>
    /// Unlike a <see cref="CancellationToken"/> given to the call or the enumeration, which aborts the requests in
    /// flight (their runs are resumed but never seen), nothing the service answered is dropped. To continue: one
    /// request at a time, from the last page's continuation token (stopped before the first page, from the token you
    /// started at); with <see cref="MaxConcurrency"/> above 1, run the same criteria again, or, by ids, the ids still
    /// in the DLQ (a list of ids is all or nothing: one already resumed makes the request a 404), which
    /// <see cref="DlqIdsProgress"/> lists without reading them back. An operator's Ctrl+C, say.
    /// </remarks>
    public CancellationToken GracefulStop { get; set; }

    /// <summary>
    /// With explicit ids: records where each id stands (done, missing, in doubt, not attempted) however the call ends,
    /// so that after a stop, a failure or a cancellation you know what to send again without reading every id back.
    /// </summary>
    /// <remarks>
    /// Give each call a new one; with criteria it is refused (the service does not say which entries a page took). Does
    /// not apply to a call on one entry.
    /// </remarks>
    public DlqIdsProgress? DlqIdsProgress { get; set; }

    /// <summary>
    /// With explicit ids: a request refused with <c>404</c> because some of its ids are not in the DLQ (already
    /// resumed, restarted or deleted, perhaps by an earlier call, or never there) is sent again without the ids the
    /// answer names, instead of ending the call with a <see cref="DlqEntriesNotFoundException"/>.
    /// </summary>
    /// <value>False by default: a missing id is an error.</value>
    /// <remarks>
    /// The service acts on a request's ids all or nothing, so without this one id already gone holds up its whole
    /// request: set it to run a list again after a stop. Only ids the service names are dropped (a <c>404</c> that
    /// names none still ends the call), nothing outside the request's own ids is ever sent, and a <c>404</c> on a retry
    /// after an attempt that may have been applied is still a <see cref="OutcomeUnknownException"/> (whose lists are by
    /// request: a skipped id stays in its request's list). <see cref="DlqIdsProgress.Missing"/> lists the ids skipped.
    /// No effect with criteria or on a call on one entry.
    /// </remarks>
    public bool SkipMissingDlqIds { get; set; }
}
