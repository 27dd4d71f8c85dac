using BulkResume.Internal.Http;
using BulkResume.Internal.Operations;
using BulkResume.Internal.Paging;
using BulkResume.Internal.Wire;

namespace BulkResume;

/// <summary>
/// The run logs: workflow runs and their steps. Get it from <see cref="WorkflowClient.Runs"/>; use it to check that a
/// resumed run kept the successful steps of the original. Members are virtual so that tests can mock them (see
/// <see cref="DlqModelFactory.WorkflowRun"/>).
/// </summary>
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
    /// Lists the runs whose id is <paramref name="workflowRunIdOrPrefix"/> or starts with it, with their steps, following
    /// the service's cursor lazily (<c>GET /v2/workflows/logs</c>).
    /// </summary>
    /// <param name="workflowRunIdOrPrefix">A run id (for example <see cref="ResumedRun.WorkflowRunId"/>) or the start of one.</param>
    /// <param name="pageSize">Runs per request (<c>count</c>), 1 to 100; null for the service's default.</param>
    /// <param name="cancellationToken">Stops the enumeration between pages and aborts the request in flight.</param>
    /// <returns>The runs, lazily; use <see cref="AsyncPageable{T}.AsPages(string?, int?)"/> for pages and cursors.</returns>
    /// <exception cref="ArgumentException"><paramref name="workflowRunIdOrPrefix"/> is blank, or <paramref name="pageSize"/> is outside 1 to 100. Nothing was sent.</exception>
    public virtual AsyncPageable<WorkflowRun> ListAsync(string workflowRunIdOrPrefix, int? pageSize = null, CancellationToken cancellationToken = default)
    {
        PageSizeRange.Ensure(pageSize, PageSizeRange.MaxList, nameof(pageSize));
        return List(workflowRunIdOrPrefix, nameof(workflowRunIdOrPrefix), pageSize, cancellationToken);
    }

    /// <summary>
    /// Reads the run whose id is exactly <paramref name="workflowRunId"/>, with its steps. The service matches ids by
    /// prefix; this follows its pages until the exact id turns up.
    /// </summary>
    /// <param name="workflowRunId">The run's full id, for example <see cref="ResumedRun.WorkflowRunId"/>.</param>
    /// <param name="cancellationToken">Aborts the request in flight.</param>
    /// <returns>The run, or <see langword="null"/> when the logs have no run with exactly this id.</returns>
    /// <exception cref="ArgumentException"><paramref name="workflowRunId"/> is blank. Nothing was sent.</exception>
    public virtual Task<WorkflowRun?> GetAsync(string workflowRunId, CancellationToken cancellationToken = default)
    {
        var runs = List(workflowRunId, nameof(workflowRunId), PageSizeRange.MaxList, cancellationToken);
        return FindAsync(runs, workflowRunId, cancellationToken);
    }

    private WorkflowPipeline Pipeline =>
        _pipeline ?? throw new InvalidOperationException("This RunsClient was created for mocking; override the member you call.");

    private AsyncPageable<WorkflowRun> List(string workflowRunIdOrPrefix, string parameterName, int? pageSize, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(workflowRunIdOrPrefix))
        {
            throw new ArgumentException("The run id is blank. Pass a run id such as ResumedRun.WorkflowRunId gives it (wfr_...), or a prefix of one.", parameterName);
        }

        // The logs select runs with the same workflowRunId parameter (id or prefix) as the DLQ filters.
        return new ListOperation<RunLogsResponseWire, WorkflowRun>(
                Pipeline,
                LogsPath,
                ResumeFilter.Create().ForWorkflowRunId(workflowRunIdOrPrefix),
                WorkflowJsonContext.Default.RunLogsResponseWire,
                static answer => (answer.Runs is null ? [] : answer.Runs.ConvertAll(run => run.ToModel()), answer.Cursor),
                pageSize)
            .ToPageable(cancellationToken);
    }

    private static async Task<WorkflowRun?> FindAsync(AsyncPageable<WorkflowRun> runs, string workflowRunId, CancellationToken cancellationToken)
    {
        await foreach (var run in runs.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (string.Equals(run.WorkflowRunId, workflowRunId, StringComparison.Ordinal))
            {
                return run;
            }
        }

        return null;
    }
}
