namespace BulkResume;

/// <summary>How <see cref="DlqClient.BulkDeleteAsync(ResumeFilter, BulkDeleteOptions, CancellationToken)"/> sends its requests.</summary>
public sealed class BulkDeleteOptions
{
    /// <summary>
    /// How many requests to keep in flight at once, 1 to <see cref="ResumeOptions.MaxConcurrencyLimit"/>.
    /// </summary>
    /// <remarks>
    /// Null or 1: one at a time, following the service's cursor. More: the selection is split into disjoint parts as
    /// for <see cref="ResumeOptions.MaxConcurrency"/> (explicit ids in chunks of 50; criteria by failure time, up to
    /// the moment the call started), and the parts are deleted side by side.
    /// </remarks>
    public int? MaxConcurrency { get; set; }

    /// <summary>
    /// Ends the delete early without losing count: once signaled, no new request is started, the requests in flight
    /// finish (their retries and rate-limit waits included), and the call returns the entries deleted so far.
    /// </summary>
    /// <remarks>
    /// What remains stays in the DLQ: the same criteria continue; by ids, call again with the ids still in the DLQ (a
    /// list of ids is all or nothing: one already deleted makes the request a 404). Unlike the method's
    /// <see cref="CancellationToken"/>, nothing in flight is aborted. <see cref="DlqIdsProgress"/> lists what is left
    /// by ids. An operator's Ctrl+C, say.
    /// </remarks>
    public CancellationToken GracefulStop { get; set; }

    /// <summary>
    /// With explicit ids: records where each id stands (deleted, missing, in doubt, not attempted) however the call
    /// ends, as <see cref="ResumeOptions.DlqIdsProgress"/> does for a resume.
    /// </summary>
    /// <remarks>Give each call a new one; with criteria it is refused.</remarks>
    public DlqIdsProgress? DlqIdsProgress { get; set; }

    /// <summary>
    /// With explicit ids: a request refused with <c>404</c> because some of its ids are not in the DLQ is sent again
    /// without the ids the answer names, as <see cref="ResumeOptions.SkipMissingDlqIds"/> does for a resume, instead of
    /// ending the call with a <see cref="DlqEntriesNotFoundException"/>.
    /// </summary>
    /// <value>False by default.</value>
    /// <remarks>The skipped ids are not counted as deleted. No effect with criteria.</remarks>
    public bool SkipMissingDlqIds { get; set; }
}
