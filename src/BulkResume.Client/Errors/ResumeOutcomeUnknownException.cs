using System.Globalization;

namespace BulkResume;

/// <summary>
/// An attempt to act on explicit DLQ ids may have been applied by the service before it failed (a timeout, a
/// dropped connection, a 5xx, or a success whose answer could not be read), and the retry can't tell: a <c>404</c> after such an attempt usually means the
/// first attempt succeeded. The runs may or may not have been resumed; check <see cref="DlqIds"/> (are they still
/// in the DLQ?) before acting again.
/// </summary>
/// <remarks>
/// A bulk call by ids sends its ids in requests of at most 50, in order, and stops at the request in doubt. It then
/// reports all three parts of the list: <see cref="ResumedDlqIds"/> (the requests before it, which the service
/// confirmed), <see cref="DlqIds"/> (the request in doubt) and <see cref="NotAttemptedDlqIds"/> (the requests after it,
/// never sent). Act again on the unknown ids that are still in the DLQ and on the ids not attempted. With
/// <see cref="ResumeOptions.MaxConcurrency"/> above 1 several requests are in flight: the call stops sending at the
/// first failure, waits for the requests in flight, and then <see cref="DlqIds"/> holds the ids of every request in
/// doubt, and <see cref="NotAttemptedDlqIds"/> those of the requests never sent or refused outright (a refusal acts on
/// none of its ids).
/// </remarks>
public sealed class ResumeOutcomeUnknownException : WorkflowApiException
{
    private readonly string _lastAnswer;

    /// <summary>Creates the exception for a call on ids that were all sent in the request in doubt.</summary>
    /// <param name="status">The status of the last answer, or 0 when there was none.</param>
    /// <param name="errorMessage">What the last attempt answered.</param>
    /// <param name="requestMethod">The request's HTTP method.</param>
    /// <param name="requestPath">The request's path, without the query.</param>
    /// <param name="dlqIds">The ids the request named: each is either resumed once, or still in the DLQ.</param>
    public ResumeOutcomeUnknownException(int status, string errorMessage, string requestMethod, string requestPath, IReadOnlyList<string> dlqIds)
        : this(status, errorMessage, requestMethod, requestPath, dlqIds, [], [], innerException: null)
    {
    }

    /// <summary>Creates the exception for a bulk call by ids that stopped at the request in doubt.</summary>
    /// <param name="status">The status of the last answer, or 0 when there was none.</param>
    /// <param name="errorMessage">What the last attempt answered.</param>
    /// <param name="requestMethod">The request's HTTP method.</param>
    /// <param name="requestPath">The request's path, without the query.</param>
    /// <param name="dlqIds">The ids of the request in doubt: each is either acted on once, or still in the DLQ.</param>
    /// <param name="resumedDlqIds">The ids of the earlier requests, which the service confirmed.</param>
    /// <param name="notAttemptedDlqIds">The ids of the later requests, which were never sent.</param>
    /// <param name="innerException">The last attempt's failure, if it threw; null otherwise.</param>
    public ResumeOutcomeUnknownException(
        int status,
        string errorMessage,
        string requestMethod,
        string requestPath,
        IReadOnlyList<string> dlqIds,
        IReadOnlyList<string> resumedDlqIds,
        IReadOnlyList<string> notAttemptedDlqIds,
        Exception? innerException)
        : base(status, Describe(errorMessage, dlqIds, resumedDlqIds, notAttemptedDlqIds), requestMethod, requestPath, innerException)
    {
        ArgumentNullException.ThrowIfNull(dlqIds);
        ArgumentNullException.ThrowIfNull(resumedDlqIds);
        ArgumentNullException.ThrowIfNull(notAttemptedDlqIds);
        _lastAnswer = errorMessage;
        DlqIds = dlqIds;
        ResumedDlqIds = resumedDlqIds;
        NotAttemptedDlqIds = notAttemptedDlqIds;
    }

    /// <summary>The ids whose outcome is unknown: those of the request in doubt.</summary>
    public IReadOnlyList<string> DlqIds { get; }

    /// <summary>
    /// The ids a bulk call acted on before the request in doubt (resumed, restarted or deleted, as the call does): the
    /// service confirmed each of their requests. Empty for a call on one entry, or when the first request was in doubt.
    /// </summary>
    public IReadOnlyList<string> ResumedDlqIds { get; }

    /// <summary>The ids a bulk call never sent, because they come after the request in doubt. Empty for a call on one entry.</summary>
    public IReadOnlyList<string> NotAttemptedDlqIds { get; }

    /// <summary>The same outcome, with where it stands in a bulk call's list of ids.</summary>
    internal ResumeOutcomeUnknownException WithBulkProgress(IReadOnlyList<string> resumedDlqIds, IReadOnlyList<string> notAttemptedDlqIds) =>
        WithBulkProgress(DlqIds, resumedDlqIds, notAttemptedDlqIds);

    /// <summary>This outcome's last answer, for a concurrent bulk call whose requests in doubt named <paramref name="dlqIds"/> together.</summary>
    internal ResumeOutcomeUnknownException WithBulkProgress(IReadOnlyList<string> dlqIds, IReadOnlyList<string> resumedDlqIds, IReadOnlyList<string> notAttemptedDlqIds) =>
        new(Status, _lastAnswer, RequestMethod, RequestPath, dlqIds, resumedDlqIds, notAttemptedDlqIds, InnerException);

    private static string Describe(string lastAnswer, IReadOnlyList<string>? unknown, IReadOnlyList<string>? done, IReadOnlyList<string>? notAttempted) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"The outcome is unknown: an earlier attempt may have been applied. {done?.Count ?? 0} DLQ ids were done, {unknown?.Count ?? 0} are unknown (check whether they are still in the DLQ before acting on them again), {notAttempted?.Count ?? 0} were not attempted. Last answer: {lastAnswer}");
}
