using System.Globalization;

namespace BulkResume;

/// <summary>A request naming explicit ids may have been applied before it failed, and the client can't tell whether it was.</summary>
/// <remarks>
/// <para>
/// Thrown by every call that acts on explicit ids: on one entry (resume, restart, delete, a failure callback's retry or
/// cancel) and in bulk, and by the cancel of runs by id. An attempt failed in a way that may have reached the service (a timeout, a dropped connection,
/// a 5xx, a success whose answer could not be read), and what came after can't settle it: a <c>404</c> on a retry
/// usually means the first attempt succeeded. Each id of <see cref="InDoubtIds"/> was acted on once, or was not: check
/// (is it still in the DLQ?) before acting on it again.
/// </para>
/// <para>
/// A bulk call sends its ids in requests of at most 50, in order, and stops at the request in doubt. Its three lists
/// are together the caller's whole list: <see cref="DoneIds"/> (requests the service confirmed), <see cref="InDoubtIds"/>
/// and <see cref="NotAttemptedIds"/> (never sent, or refused outright: a refusal acts on none of its ids). With several
/// requests in flight, the call stops sending at the first failure and waits for the others, and
/// <see cref="InDoubtIds"/> holds the ids of every request in doubt. A call on one entry has that entry in doubt and
/// the other lists empty.
/// </para>
/// </remarks>
public sealed class OutcomeUnknownException : WorkflowApiException
{
    private readonly string _lastAnswer;

    /// <summary>Creates the exception for a call whose ids were all in the request in doubt.</summary>
    /// <param name="status">The status of the last answer, or 0 when there was none.</param>
    /// <param name="errorMessage">What the last attempt answered.</param>
    /// <param name="requestMethod">The request's HTTP method.</param>
    /// <param name="requestPath">The request's path, without the query.</param>
    /// <param name="inDoubtIds">The ids the request named: each was acted on once, or was not.</param>
    public OutcomeUnknownException(int status, string errorMessage, string requestMethod, string requestPath, IReadOnlyList<string> inDoubtIds)
        : this(status, errorMessage, requestMethod, requestPath, inDoubtIds, [], [], innerException: null)
    {
    }

    /// <summary>Creates the exception for a bulk call that stopped at a request in doubt.</summary>
    /// <param name="status">The status of the last answer, or 0 when there was none.</param>
    /// <param name="errorMessage">What the last attempt answered.</param>
    /// <param name="requestMethod">The request's HTTP method.</param>
    /// <param name="requestPath">The request's path, without the query.</param>
    /// <param name="inDoubtIds">The ids of the requests in doubt: each was acted on once, or was not.</param>
    /// <param name="doneIds">The ids of the requests the service confirmed.</param>
    /// <param name="notAttemptedIds">The ids never sent, or sent in a request the service refused.</param>
    /// <param name="innerException">The last attempt's failure, if it threw; null otherwise.</param>
    public OutcomeUnknownException(
        int status,
        string errorMessage,
        string requestMethod,
        string requestPath,
        IReadOnlyList<string> inDoubtIds,
        IReadOnlyList<string> doneIds,
        IReadOnlyList<string> notAttemptedIds,
        Exception? innerException)
        : base(status, Describe(errorMessage, inDoubtIds, doneIds, notAttemptedIds), requestMethod, requestPath, innerException)
    {
        ArgumentNullException.ThrowIfNull(inDoubtIds);
        ArgumentNullException.ThrowIfNull(doneIds);
        ArgumentNullException.ThrowIfNull(notAttemptedIds);
        _lastAnswer = errorMessage;
        InDoubtIds = inDoubtIds;
        DoneIds = doneIds;
        NotAttemptedIds = notAttemptedIds;
    }

    /// <summary>The ids whose outcome is unknown: those of the requests in doubt.</summary>
    /// <remarks>
    /// DLQ ids for the DLQ's calls; each was acted on (resumed, restarted, deleted, ...) once, or was not. Run ids for
    /// <see cref="RunsClient.CancelAsync(IEnumerable{string}, CancellationToken)"/>: each run may still be in progress,
    /// and canceling it again is safe. Run ids for the triggers: each run may have been started, and triggering it again
    /// with the same <see cref="WorkflowTriggerRequest.WorkflowRunId"/> is safe (the service answers a repeat as
    /// deduplicated). The event id for <see cref="RunsClient.NotifyAsync"/>, the run id for
    /// <see cref="RunsClient.NotifyRunAsync"/>: the event may have been delivered.
    /// </remarks>
    public IReadOnlyList<string> InDoubtIds { get; }

    /// <summary>The ids the call acted on before it stopped, each in a request the service confirmed.</summary>
    /// <remarks>Resumed, restarted or deleted, as the call does. Empty for a call on one entry.</remarks>
    public IReadOnlyList<string> DoneIds { get; }

    /// <summary>The ids the call did not act on: never sent, or sent in a request the service refused.</summary>
    /// <remarks>Empty for a call on one entry.</remarks>
    public IReadOnlyList<string> NotAttemptedIds { get; }

    /// <summary>The same last answer, with the call's list split anew.</summary>
    internal OutcomeUnknownException WithIds(IReadOnlyList<string> inDoubtIds, IReadOnlyList<string> doneIds, IReadOnlyList<string> notAttemptedIds) =>
        new(Status, _lastAnswer, RequestMethod, RequestPath, inDoubtIds, doneIds, notAttemptedIds, InnerException);

    private static string Describe(string lastAnswer, IReadOnlyList<string>? inDoubt, IReadOnlyList<string>? done, IReadOnlyList<string>? notAttempted) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"The outcome is unknown: an earlier attempt may have been applied. {done?.Count ?? 0} ids were done, {inDoubt?.Count ?? 0} are unknown (check whether they are still there before acting on them again), {notAttempted?.Count ?? 0} were not attempted. Last answer: {lastAnswer}");
}
