namespace BulkResume;

/// <summary>
/// Overrides for the runs a resume or restart creates, and the page size. What is left null keeps the original run's value.
/// </summary>
public sealed class ResumeOptions
{
    /// <summary>The most runs resumed per request that the service allows.</summary>
    public const int MaxPageSize = 50;

    /// <summary>A new flow-control key and limits for the resumed runs; null keeps the originals.</summary>
    public FlowControl? FlowControl { get; set; }

    /// <summary>The retry count for the resumed steps (<c>Upstash-Retries</c>); null keeps the original; not negative.</summary>
    public int? Retries { get; set; }

    /// <summary>How many runs to resume per request (<c>count</c>), 1 to 50; null lets the service choose (at most 50).</summary>
    public int? PageSize { get; set; }

    /// <summary>
    /// Called when a page's earlier attempt may have been applied before it failed and a retry then succeeded, so
    /// some runs were resumed without the client seeing them (see <see cref="UnknownResumeOutcome"/>). Retrying a
    /// bulk resume by criteria never resumes an entry twice, because resumed entries leave the DLQ.
    /// </summary>
    public Action<UnknownResumeOutcome>? OnUnknownOutcome { get; set; }
}
