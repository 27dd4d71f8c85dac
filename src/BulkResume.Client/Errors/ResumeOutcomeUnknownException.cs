namespace BulkResume;

/// <summary>
/// An attempt to act on explicit DLQ ids may have been applied by the service before it failed (a timeout, a
/// dropped connection or a 5xx), and the retry can't tell: a <c>404</c> after such an attempt usually means the
/// first attempt succeeded. The runs may or may not have been resumed; check <see cref="DlqIds"/> (are they still
/// in the DLQ?) before acting again.
/// </summary>
public sealed class ResumeOutcomeUnknownException : WorkflowApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="status">The status of the last answer, or 0 when there was none.</param>
    /// <param name="errorMessage">What the last attempt answered.</param>
    /// <param name="requestMethod">The request's HTTP method.</param>
    /// <param name="requestPath">The request's path, without the query.</param>
    /// <param name="dlqIds">The ids the request named: each is either resumed once, or still in the DLQ.</param>
    /// <param name="innerException">The last attempt's failure, if it threw.</param>
    public ResumeOutcomeUnknownException(int status, string errorMessage, string requestMethod, string requestPath, IReadOnlyList<string> dlqIds, Exception? innerException = null)
        : base(status, $"The outcome is unknown: an earlier attempt may have been applied. Check whether these {dlqIds?.Count ?? 0} DLQ ids are still in the DLQ before acting again. Last answer: {errorMessage}", requestMethod, requestPath, innerException)
    {
        ArgumentNullException.ThrowIfNull(dlqIds);
        DlqIds = dlqIds;
    }

    /// <summary>The ids whose outcome is unknown.</summary>
    public IReadOnlyList<string> DlqIds { get; }
}
