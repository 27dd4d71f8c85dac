using BulkResume.Internal.Http;
using BulkResume.Internal.Operations;
using BulkResume.Internal.Paging;
using BulkResume.Internal.Selection;
using BulkResume.Internal.Wire;

namespace BulkResume;

/// <summary>The run logs (<c>GET /v2/workflows/logs</c>): workflow runs and their steps.</summary>
/// <remarks>
/// Get it from <see cref="WorkflowClient.Runs"/>; use it to check that a resumed run kept the successful steps of the
/// original. Members are virtual so that tests can mock them (see <see cref="DlqModelFactory.WorkflowRun"/>).
/// </remarks>
public class RunsClient
{
    private const string LogsPath = "/v2/workflows/logs";

    private readonly WorkflowPipeline? _pipeline;

    /// <summary>For mocking only: every member called on an instance created this way must be overridden.</summary>
    protected RunsClient()
    {
    }

    internal RunsClient(WorkflowPipeline pipeline)
    {
        _pipeline = pipeline;
    }

    /// <summary>
    /// Lists the runs that <paramref name="filter"/> selects, with their steps, following the service's cursor lazily.
    /// </summary>
    /// <param name="filter">Which runs: criteria, exact runs (<see cref="RunFilter.ForRun"/>), or nothing for every run.</param>
    /// <param name="pageSize">Runs per request (<c>count</c>), 1 to 10; null for the service's default (10).</param>
    /// <param name="cancellationToken">Stops the enumeration between pages and aborts the request in flight.</param>
    /// <returns>The runs, lazily; use <see cref="AsyncPageable{T}.AsPages(string?, int?)"/> for pages and cursors.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pageSize"/> is outside 1 to 10. Nothing was sent.</exception>
    /// <remarks>An empty <see cref="RunFilter.Create"/> lists every run.</remarks>
    public virtual AsyncPageable<WorkflowRun> ListAsync(RunFilter filter, int? pageSize = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        PageSizeRange.Ensure(pageSize, PageSizeRange.MaxRunLogs, nameof(pageSize));
        filter.EnsureFor(SelectionOperations.RunLogs, "RunsClient.ListAsync", nameof(filter));
        return List(filter, pageSize, cancellationToken);
    }

    /// <summary>Reads the run with exactly this id, with its steps.</summary>
    /// <param name="workflowRunId">The run's full id, for example <see cref="ResumedRun.WorkflowRunId"/>.</param>
    /// <param name="createdAt">The run's creation time (millisecond precision), for example <see cref="ResumedRun.WorkflowCreatedAt"/>; null for any.</param>
    /// <param name="cancellationToken">Aborts the request in flight.</param>
    /// <returns>The run, or <see langword="null"/> when the logs have no run with this id (and creation time).</returns>
    /// <exception cref="ArgumentException"><paramref name="workflowRunId"/> is blank or has a control character. Nothing was sent.</exception>
    /// <remarks>
    /// Several runs may share an id (a run id can be chosen when a workflow is triggered): pass
    /// <paramref name="createdAt"/> to pick one, otherwise this answers the first the logs list.
    /// </remarks>
    public virtual Task<WorkflowRun?> GetAsync(string workflowRunId, DateTimeOffset? createdAt = null, CancellationToken cancellationToken = default)
    {
        var filter = RunFilter.Create().ForWorkflowRunId(workflowRunId);
        if (createdAt is { } created)
        {
            filter = filter.CreatedAt(created);
        }

        return FindAsync(List(filter, pageSize: null, cancellationToken), workflowRunId, createdAt?.ToUnixTimeMilliseconds(), cancellationToken);
    }

    private WorkflowPipeline Pipeline =>
        _pipeline ?? throw new InvalidOperationException("This RunsClient was created for mocking; override the member you call.");

    private AsyncPageable<WorkflowRun> List(RunFilter filter, int? pageSize, CancellationToken cancellationToken) =>
        new ListOperation<RunLogsResponseWire, WorkflowRun>(
                Pipeline,
                LogsPath,
                filter.AppendTo,
                WorkflowJsonContext.Default.RunLogsResponseWire,
                static answer => (answer.Runs is null ? [] : answer.Runs.ConvertAll(run => run.ToModel()), answer.Cursor),
                pageSize,
                PageSizeRange.MaxRunLogs)
            .ToPageable(cancellationToken);

    /// <summary>The first run that is exactly the one asked for: the filter already selects it; this guards against a looser service.</summary>
    private static async Task<WorkflowRun?> FindAsync(AsyncPageable<WorkflowRun> runs, string workflowRunId, long? createdAtMs, CancellationToken cancellationToken)
    {
        await foreach (var run in runs.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (string.Equals(run.WorkflowRunId, workflowRunId, StringComparison.Ordinal)
                && (createdAtMs is not { } ms || run.CreatedAt.ToUnixTimeMilliseconds() == ms))
            {
                return run;
            }
        }

        return null;
    }
}
