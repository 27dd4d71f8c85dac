namespace BulkResume;

/// <summary>
/// The service answered <c>404</c> to a request that named DLQ ids: some are not (or no longer) in the DLQ.
/// </summary>
/// <remarks>The request acted on none of its ids.</remarks>
public sealed class DlqEntriesNotFoundException : WorkflowApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="errorMessage">The service's message.</param>
    /// <param name="requestMethod">The request's HTTP method.</param>
    /// <param name="requestPath">The request's path, without the query.</param>
    /// <param name="dlqIds">The ids the service named as missing, or every id of the request when it did not say.</param>
    public DlqEntriesNotFoundException(string errorMessage, string requestMethod, string requestPath, IReadOnlyList<string> dlqIds)
        : base(404, errorMessage, requestMethod, requestPath)
    {
        ArgumentNullException.ThrowIfNull(dlqIds);
        DlqIds = dlqIds;
    }

    /// <summary>The ids that were not found (or, when the service did not name them, every id of the failed request).</summary>
    public IReadOnlyList<string> DlqIds { get; }

    /// <summary>
    /// The service named <see cref="DlqIds"/> itself, so the request's other ids are known to be in the DLQ and may be
    /// sent again without them (<see cref="ResumeOptions.SkipMissingDlqIds"/>); false when any id may be the missing one.
    /// </summary>
    internal bool NamedByService { get; init; }
}
