namespace BulkResume.Cli.Operations;

/// <summary>The two bulk actions that create new runs: resume and restart, page by page or as a bulk action on the service.</summary>
internal sealed class BulkRunKind
{
    public static readonly BulkRunKind Resume = new(
        BulkVerb.Resume,
        "Resume the selected failed runs as new runs that continue from the failed step (successful steps are kept).",
        (dlq, filter, options, abort) => dlq.BulkResumeAsync(filter, options, abort),
        (dlq, filter, options, abort) => dlq.StartBulkResumeAsync(filter, options, abort));

    public static readonly BulkRunKind Restart = new(
        BulkVerb.Restart,
        "Restart the selected failed runs as new runs from the original payload (every step result is discarded).",
        (dlq, filter, options, abort) => dlq.BulkRestartAsync(filter, options, abort),
        (dlq, filter, options, abort) => dlq.StartBulkRestartAsync(filter, options, abort));

    private readonly Func<DlqClient, ResumeFilter, ResumeOptions, CancellationToken, AsyncPageable<ResumedRun>> _start;
    private readonly Func<DlqClient, ResumeFilter, ResumeOptions, CancellationToken, Task<BulkActionOperation>> _startAction;

    private BulkRunKind(
        BulkVerb verb,
        string description,
        Func<DlqClient, ResumeFilter, ResumeOptions, CancellationToken, AsyncPageable<ResumedRun>> start,
        Func<DlqClient, ResumeFilter, ResumeOptions, CancellationToken, Task<BulkActionOperation>> startAction)
    {
        Verb = verb;
        Description = description;
        _start = start;
        _startAction = startAction;
    }

    public BulkVerb Verb { get; }

    public string Description { get; }

    /// <summary>The operation; <paramref name="abort"/> abandons its requests in flight (a second Ctrl+C).</summary>
    public AsyncPageable<ResumedRun> Start(DlqClient dlq, ResumeFilter filter, ResumeOptions options, CancellationToken abort) => _start(dlq, filter, options, abort);

    /// <summary>Starts the bulk action on the service (<c>--async</c>); <paramref name="abort"/> abandons the request that starts it.</summary>
    public Task<BulkActionOperation> StartAction(DlqClient dlq, ResumeFilter filter, ResumeOptions options, CancellationToken abort) => _startAction(dlq, filter, options, abort);
}
