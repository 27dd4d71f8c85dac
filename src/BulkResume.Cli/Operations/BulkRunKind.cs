namespace BulkResume.Cli.Operations;

/// <summary>The two bulk actions that create new runs page by page: resume and restart.</summary>
internal sealed class BulkRunKind
{
    public static readonly BulkRunKind Resume = new(
        BulkVerb.Resume,
        "Resume the selected failed runs as new runs that continue from the failed step (successful steps are kept).",
        (dlq, filter, options) => dlq.BulkResumeAsync(filter, options));

    public static readonly BulkRunKind Restart = new(
        BulkVerb.Restart,
        "Restart the selected failed runs as new runs from the original payload (every step result is discarded).",
        (dlq, filter, options) => dlq.BulkRestartAsync(filter, options));

    private readonly Func<DlqClient, ResumeFilter, ResumeOptions, AsyncPageable<ResumedRun>> _start;

    private BulkRunKind(BulkVerb verb, string description, Func<DlqClient, ResumeFilter, ResumeOptions, AsyncPageable<ResumedRun>> start)
    {
        Verb = verb;
        Description = description;
        _start = start;
    }

    public BulkVerb Verb { get; }

    public string Description { get; }

    public AsyncPageable<ResumedRun> Start(DlqClient dlq, ResumeFilter filter, ResumeOptions options) => _start(dlq, filter, options);
}
