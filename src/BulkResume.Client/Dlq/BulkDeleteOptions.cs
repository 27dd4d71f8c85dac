namespace BulkResume;

/// <summary>How <see cref="DlqClient.BulkDeleteAsync(ResumeFilter, BulkDeleteOptions, CancellationToken)"/> sends its requests.</summary>
public sealed class BulkDeleteOptions
{
    /// <summary>
    /// How many requests to keep in flight at once, 1 to <see cref="ResumeOptions.MaxConcurrencyLimit"/>. Null or 1: one
    /// at a time, following the service's cursor. More: the selection is split into disjoint parts as for
    /// <see cref="ResumeOptions.MaxConcurrency"/> (explicit ids in chunks of 50; criteria by failure time, up to the
    /// moment the call started), and the parts are deleted side by side.
    /// </summary>
    public int? MaxConcurrency { get; set; }

    /// <summary>
    /// Ends the delete early without losing count: once signaled, no new request is started, the requests in flight
    /// finish (their retries and rate-limit waits included), and the call returns the entries deleted so far. What
    /// remains stays in the DLQ: the same criteria continue; by ids, call again with the ids still in the DLQ (a list
    /// of ids is all or nothing: one already deleted makes the request a 404). Unlike the method's
    /// <see cref="CancellationToken"/>, nothing in flight is aborted. An operator's Ctrl+C, say.
    /// </summary>
    public CancellationToken GracefulStop { get; set; }
}
