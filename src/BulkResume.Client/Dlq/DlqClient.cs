using BulkResume.Internal.Http;
using BulkResume.Internal.Operations;

namespace BulkResume;

/// <summary>
/// The workflow Dead Letter Queue. Get it from <see cref="WorkflowClient.Dlq"/>. Members are virtual so that
/// tests can mock them (see <see cref="DlqModelFactory"/> and <see cref="AsyncPageable{T}.FromPages"/>).
/// </summary>
public class DlqClient
{
    private const string ResumePath = "/v2/workflows/dlq/resume";

    private readonly WorkflowPipeline? _pipeline;

    /// <summary>For mocking only: every member called on an instance created this way must be overridden.</summary>
    protected DlqClient()
    {
    }

    internal DlqClient(WorkflowPipeline pipeline)
    {
        _pipeline = pipeline;
    }

    /// <summary>
    /// Resumes the failed runs that <paramref name="filter"/> selects, continuing each from its failed step as a new run.
    /// Enumerate the result to run the operation: each page is one request of at most 50 runs, sent only when the
    /// previous page has been consumed, following the service's cursor until every matching entry is processed.
    /// </summary>
    /// <param name="filter">What to resume: criteria, explicit ids, or <see cref="ResumeFilter.All"/>. An empty filter is refused.</param>
    /// <param name="options">Overrides for the new runs and the page size; null keeps the original runs' settings.</param>
    /// <param name="cancellationToken">Stops the enumeration between pages and aborts the request in flight.</param>
    /// <returns>The new runs, lazily; use <see cref="AsyncPageable{T}.AsPages(string?, int?)"/> for pages and cursors.</returns>
    /// <exception cref="ArgumentException">The filter selects nothing explicit, or an option is out of range. Nothing was sent.</exception>
    public virtual AsyncPageable<ResumedRun> BulkResumeAsync(ResumeFilter filter, ResumeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        filter.EnsureSelectsSomething(nameof(filter));
        var overrides = RunOverrides.From(options, nameof(options));
        return new BulkRunOperation(Pipeline, "BulkResume", ResumePath, filter, overrides).ToPageable(cancellationToken);
    }

    private WorkflowPipeline Pipeline =>
        _pipeline ?? throw new InvalidOperationException("This DlqClient was created for mocking; override the member you call.");
}
