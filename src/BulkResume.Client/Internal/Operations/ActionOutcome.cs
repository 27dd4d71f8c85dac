using System.Net;
using System.Text.Json.Serialization.Metadata;
using BulkResume.Internal.Diagnostics;
using BulkResume.Internal.Draining;
using BulkResume.Internal.Http;
using BulkResume.Internal.Resilience;

namespace BulkResume.Internal.Operations;

/// <summary>
/// Sends the requests that act on the DLQ or cancel runs and decides what their outcome means for the call: the one
/// place where an attempt the transport counts as in doubt becomes a report.
/// </summary>
/// <remarks>
/// <para>By explicit ids, a request in doubt ends the call with an <see cref="OutcomeUnknownException"/> that splits
/// the call's ids in three (done, in doubt, not attempted), and a 404 on the DLQ is a
/// <see cref="DlqEntriesNotFoundException"/>. By criteria nothing names the entries, so every attempt that may have
/// been applied is logged and reported to <see cref="ResumeOptions.OnUnknownOutcome"/>, and the call goes on.</para>
/// A cancel of runs is idempotent in effect (the service skips a run no longer in progress), so any answer after a lost
/// attempt settles it: the runs are canceled, only the count may miss those the lost attempt canceled
/// (<see cref="BulkCancelResult.MayHaveCanceledMore"/>). It stays in doubt only when no answer came after it.
/// </remarks>
internal sealed class ActionOutcome
{
    private const string NotFoundPrefix = "Some DLQ messages were not found";

    private readonly WorkflowPipeline _pipeline;
    private readonly bool _onDlq;
    private readonly Action<UnknownPageOutcome>? _onUnknownPage;
    private readonly object _reportGate = new();

    private ActionOutcome(WorkflowPipeline pipeline, bool onDlq, Action<UnknownPageOutcome>? onUnknownPage)
    {
        _pipeline = pipeline;
        _onDlq = onDlq;
        _onUnknownPage = onUnknownPage;
    }

    /// <summary>Resume, restart, delete: the entries leave the DLQ, by ids or page by page by criteria.</summary>
    /// <param name="pipeline">Sends the requests.</param>
    /// <param name="onUnknownPage">Hears each attempt of a page by criteria that may have been applied; null to only log it.</param>
    public static ActionOutcome TakingEntries(WorkflowPipeline pipeline, Action<UnknownPageOutcome>? onUnknownPage = null) =>
        new(pipeline, onDlq: true, onUnknownPage);

    /// <summary>A failure callback's retry or cancel: one entry, never a page by criteria.</summary>
    public static ActionOutcome OnFailureCallback(WorkflowPipeline pipeline) => new(pipeline, onDlq: true, onUnknownPage: null);

    /// <summary>
    /// Acting on runs and events (canceling runs, triggering them, notifying waiters): a 404 names no DLQ entry (one run
    /// to cancel: see <see cref="CancelOneAsync"/>).
    /// </summary>
    public static ActionOutcome OnRuns(WorkflowPipeline pipeline) => new(pipeline, onDlq: false, onUnknownPage: null);

    /// <summary>Sends a request on one entry and reads its answer.</summary>
    /// <exception cref="OutcomeUnknownException">The request may have been applied, and a retry could not tell.</exception>
    /// <exception cref="DlqEntriesNotFoundException">The service answered 404: the entry is not in the DLQ.</exception>
    public async Task<T> SendAsync<T>(WorkflowRequest request, string dlqId, JsonTypeInfo<T> answerType, CancellationToken cancellationToken)
    {
        try
        {
            return await _pipeline.SendAsync(request, answerType, cancellationToken).ConfigureAwait(false);
        }
        catch (WorkflowApiException failure) when (Explain(failure, [dlqId], [dlqId], [], []) is { } explained)
        {
            throw explained;
        }
    }

    /// <summary>Sends a request on one entry whose answer has no body worth reading.</summary>
    /// <exception cref="OutcomeUnknownException">The request may have been applied, and a retry could not tell.</exception>
    /// <exception cref="DlqEntriesNotFoundException">The service answered 404: the entry is not in the DLQ.</exception>
    public async Task SendAsync(WorkflowRequest request, string dlqId, CancellationToken cancellationToken)
    {
        try
        {
            await _pipeline.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (WorkflowApiException failure) when (Explain(failure, [dlqId], [dlqId], [], []) is { } explained)
        {
            throw explained;
        }
    }

    /// <summary>Sends one page of a bulk call and reads its answer.</summary>
    /// <remarks>
    /// By ids one request at a time, a request in doubt says where the whole list stands: its chunk in doubt, the
    /// chunks before it done (a page is only continued from once it has succeeded), those after it not attempted. The
    /// whole chunk, not only the ids sent: after a 404 skipped some as missing, the lists still add up to the call's.
    /// In a concurrent drain the page names its own ids only, and <see cref="OfIdDrain"/> splits the list once the drain
    /// has ended.
    /// </remarks>
    public async Task<T> SendPageAsync<T>(SelectionPage page, JsonTypeInfo<T> answerType, CancellationToken cancellationToken)
    {
        if (page.Ids is { } ids)
        {
            try
            {
                return await _pipeline.SendAsync(page.Request, answerType, cancellationToken).ConfigureAwait(false);
            }
            catch (WorkflowApiException failure) when (
                (page.Chunk is { } chunk ? Explain(failure, ids, chunk.Ids, chunk.Before, chunk.After) : Explain(failure, ids, ids, [], [])) is { } explained)
            {
                throw explained;
            }
        }

        (T Value, DateTimeOffset? Date, int AttemptsInDoubt) sent;
        try
        {
            sent = await _pipeline.SendForResultAsync(page.Request, answerType, cancellationToken).ConfigureAwait(false);
        }
        catch (WorkflowApiException failure)
        {
            // A concurrent drain throws only its first failure; the lost attempts of every failed request are heard here.
            ReportLostAttempts(page, failure.AttemptsInDoubt);
            throw;
        }

        ReportLostAttempts(page, sent.AttemptsInDoubt);
        return sent.Value;
    }

    /// <summary>Sends the cancel of one run, whose successful answer has no body worth reading.</summary>
    /// <param name="request">The request, the run's id in its path.</param>
    /// <param name="workflowRunId">The run's id, for the report.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    /// <returns>
    /// True when the service canceled the run; false when it says no run with this id is in progress: a 404, or, after
    /// an attempt that may have been applied, a 400, which a repeat of an applied cancel gets (the reference engine
    /// refuses to cancel a run that is no longer in progress).
    /// </returns>
    /// <exception cref="OutcomeUnknownException">No answer came after an attempt that may have been applied.</exception>
    public async Task<bool> CancelOneAsync(WorkflowRequest request, string workflowRunId, CancellationToken cancellationToken)
    {
        try
        {
            await _pipeline.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (WorkflowApiException failure) when (failure.Status == (int)HttpStatusCode.NotFound || (failure.AttemptsInDoubt > 0 && failure.Status == (int)HttpStatusCode.BadRequest))
        {
            return false;
        }
        catch (WorkflowApiException failure) when (Explain(failure, [workflowRunId], [workflowRunId], [], []) is { } explained)
        {
            throw explained;
        }
    }

    /// <summary>
    /// Sends one request of a cancel of runs, a trigger or a notify, and reads its answer, saying whether an attempt
    /// before it may have been applied.
    /// </summary>
    /// <param name="request">The request: a chunk of run ids, the criteria of a cancel, a trigger, or a notify.</param>
    /// <param name="chunk">When the request names a chunk of the call's list (by ids), that chunk; null otherwise.</param>
    /// <param name="inDoubt">Without a chunk, what a failure in doubt names (the run triggered, the event notified); null to throw the failure as it is.</param>
    /// <param name="answerType">The answer's wire type.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    /// <returns>The answer, and whether an attempt before it may have been applied: what that attempt did (runs canceled, waiters notified) the answered one no longer found, so it is not in the answer.</returns>
    /// <exception cref="OutcomeUnknownException">No answer came after an attempt that may have been applied: by ids, the chunk's ids are in doubt, those before it done, those after it not attempted; otherwise <paramref name="inDoubt"/> is. Without either the failure is thrown as it is: by criteria nothing names the runs, and canceling again is safe.</exception>
    public async Task<(T Value, bool MayHaveDoneMore)> SendReportingAsync<T>(WorkflowRequest request, IdChunk? chunk, IReadOnlyList<string>? inDoubt, JsonTypeInfo<T> answerType, CancellationToken cancellationToken)
    {
        (T Value, DateTimeOffset? Date, int AttemptsInDoubt) sent;
        try
        {
            sent = await _pipeline.SendForResultAsync(request, answerType, cancellationToken).ConfigureAwait(false);
        }
        catch (WorkflowApiException failure) when (
            (chunk is not null ? Explain(failure, chunk.Ids, chunk.Ids, chunk.Before, chunk.After)
                : inDoubt is not null ? Explain(failure, inDoubt, inDoubt, [], [])
                : null) is { } explained)
        {
            throw explained;
        }

        if (sent.AttemptsInDoubt > 0)
        {
            Log.OutcomeUnknown(_pipeline.Logger, request.Method.Method, request.Path, chunk?.Token);
        }

        return (sent.Value, sent.AttemptsInDoubt > 0);
    }

    /// <summary>
    /// What a concurrent drain by explicit ids throws when it stopped: with a request in doubt, one
    /// <see cref="OutcomeUnknownException"/> that splits the whole list in three; otherwise the first failure, as the
    /// sequential drain throws it.
    /// </summary>
    /// <param name="chunks">Every chunk of the list, in order; the drain has ended, so none is still in flight.</param>
    /// <param name="failures">The failures seen, the first first.</param>
    public static Exception OfIdDrain(IReadOnlyList<IdRangePart> chunks, IReadOnlyList<Exception> failures)
    {
        var unknown = failures.OfType<OutcomeUnknownException>().FirstOrDefault();
        if (unknown is null)
        {
            return failures[0];
        }

        var done = new List<string>();
        var inDoubt = new List<string>();
        var notAttempted = new List<string>();
        foreach (var chunk in chunks)
        {
            var list = chunk.Done ? done
                : chunk.Failure is OutcomeUnknownException ? inDoubt
                : notAttempted;
            list.AddRange(chunk.Ids);
        }

        return unknown.WithIds(inDoubt, done, notAttempted);
    }

    /// <summary>
    /// The failure of a request that named <paramref name="sent"/>, as the call reports it, or null to throw it as it
    /// is.
    /// </summary>
    /// <remarks>
    /// An attempt in doubt stays in doubt whatever a retry is then told: a repeat of an applied request is refused (404
    /// once the entries left, 400 once a callback moved on), and a retry refused for a reason of its own (401 or 403
    /// with a token revoked meanwhile, 429, any other refusal) says nothing of what the lost attempt did.
    /// </remarks>
    private Exception? Explain(WorkflowApiException failure, IReadOnlyList<string> sent, IReadOnlyList<string> inDoubt, IReadOnlyList<string> done, IReadOnlyList<string> notAttempted)
    {
        var status = failure.Status;
        if (failure.AttemptsInDoubt > 0)
        {
            var refused = RetryClassifier.IsRefusal(status);
            var why = refused ? $"{status} on a retry"
                : RetryClassifier.MayHaveBeenApplied((HttpStatusCode)status) ? $"{status} after {failure.Attempts} attempt(s)"
                : failure.ErrorMessage;
            return new OutcomeUnknownException(status, why, failure.RequestMethod, failure.RequestPath, inDoubt, done, notAttempted, failure.InnerException);
        }

        return _onDlq && status == (int)HttpStatusCode.NotFound ? NotFound(failure, sent) : null;
    }

    /// <summary>
    /// The 404 of a request naming ids, with the ids the service says are missing (<c>Some DLQ messages were not found:
    /// a, b</c>) when it names them and they are among those sent; otherwise every id the request named, since any of
    /// them may be the one.
    /// </summary>
    private static DlqEntriesNotFoundException NotFound(WorkflowApiException failure, IReadOnlyList<string> sent)
    {
        var message = failure.ErrorMessage;
        if (message.StartsWith(NotFoundPrefix, StringComparison.Ordinal))
        {
            var colon = message.IndexOf(':', NotFoundPrefix.Length);
            if (colon >= 0)
            {
                var named = message[(colon + 1)..]
                    .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Where(sent.Contains)
                    .ToArray();
                if (named.Length > 0)
                {
                    return new DlqEntriesNotFoundException(message, failure.RequestMethod, failure.RequestPath, named) { NamedByService = true };
                }
            }
        }

        return new DlqEntriesNotFoundException(message, failure.RequestMethod, failure.RequestPath, sent);
    }

    /// <summary>Reports each attempt of a page by criteria that may have been applied, whether the page then succeeded or failed.</summary>
    private void ReportLostAttempts(SelectionPage page, int attemptsInDoubt)
    {
        if (attemptsInDoubt == 0)
        {
            return;
        }

        var request = page.Request;
        Log.OutcomeUnknown(_pipeline.Logger, request.Method.Method, request.Path, page.Token);
        if (_onUnknownPage is { } report)
        {
            // One report per lost attempt: each may have acted on a page. Concurrent pages complete on several threads:
            // the caller's callback hears them one at a time.
            lock (_reportGate)
            {
                for (var i = 0; i < attemptsInDoubt; i++)
                {
                    report(new UnknownPageOutcome(request.Path, page.Token, page.PageSize ?? ResumeOptions.MaxPageSize));
                }
            }
        }
    }
}
