using System.Collections.Immutable;
using BulkResume.Internal.Diagnostics;
using BulkResume.Internal.Http;
using BulkResume.Internal.Paging;
using BulkResume.Internal.Wire;

namespace BulkResume.Internal.Operations;

/// <summary>
/// Canceling runs (<c>/v2/workflows/runs</c>): one run by its id in the path; many by ids, in chunks of at most
/// <see cref="MaxIdsPerRequest"/> as repeated <c>workflowRunIds</c>, one request at a time and in order; many by
/// criteria, in one request.
/// </summary>
/// <remarks>
/// What a lost answer means is <see cref="ActionOutcome.OnRuns"/>'s. A cancel of many runs is one
/// <c>BulkCancel</c> span, and its counts are summed.
/// </remarks>
internal sealed class RunCancelOperation
{
    /// <summary>The most run ids one request names: the limit of the service's id lists.</summary>
    public const int MaxIdsPerRequest = 50;

    private const string RunsPath = "/v2/workflows/runs";
    private const string OperationName = "BulkCancel";

    private readonly WorkflowPipeline _pipeline;
    private readonly ActionOutcome _outcome;

    public RunCancelOperation(WorkflowPipeline pipeline)
    {
        _pipeline = pipeline;
        _outcome = ActionOutcome.OnRuns(pipeline);
    }

    /// <summary>Cancels one run: <c>DELETE /v2/workflows/runs/{workflowRunId}</c>, the id percent-escaped.</summary>
    /// <param name="workflowRunId">The run's id, checked by the caller.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    /// <returns>True when the service canceled it; false when it says no run with this id is in progress (see <see cref="ActionOutcome.CancelOneAsync"/>).</returns>
    public Task<bool> CancelAsync(string workflowRunId, CancellationToken cancellationToken)
    {
        var request = new WorkflowRequest(HttpMethod.Delete, RunsPath + "/" + Uri.EscapeDataString(workflowRunId)) { Route = RunsPath + "/{workflowRunId}" };
        return _outcome.CancelOneAsync(request, workflowRunId, cancellationToken);
    }

    /// <summary>
    /// Starts a bulk action that cancels the runs <paramref name="filter"/> selects: the request of
    /// <see cref="CancelAsync(RunCancelFilter, CancellationToken)"/> with <c>async=true</c> after the selection.
    /// </summary>
    /// <param name="filter">The selection, checked by the caller.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    public Task<BulkActionOperation> StartAsync(RunCancelFilter filter, CancellationToken cancellationToken)
    {
        var request = new WorkflowRequest(HttpMethod.Delete, RunsPath);
        filter.AppendTo(request.Query);
        request.Query.Add("async", "true");
        return BulkActionRequests.StartAsync(_pipeline, request, cancellationToken);
    }

    /// <summary>Cancels the runs with these ids: <c>DELETE /v2/workflows/runs?workflowRunIds=...</c> per chunk, in order.</summary>
    /// <param name="workflowRunIds">The ids, checked by the caller: at least one, none twice.</param>
    /// <param name="cancellationToken">Stops between requests and aborts the request in flight; runs canceled before stay canceled.</param>
    public Task<BulkCancelResult> CancelAsync(ImmutableArray<string> workflowRunIds, CancellationToken cancellationToken) =>
        SumAsync(new DelegatingAsyncPageable<(long, bool)>(
            async (token, _, ct) =>
            {
                var chunk = IdChunk.At(workflowRunIds, token, MaxIdsPerRequest);
                var request = new WorkflowRequest(HttpMethod.Delete, RunsPath);
                request.Query.AddEach("workflowRunIds", chunk.Ids);
                return Page<(long, bool)>.FromValues([await SendAsync(request, chunk, ct).ConfigureAwait(false)], chunk.NextToken);
            },
            MaxIdsPerRequest,
            cancellationToken,
            OperationName));

    /// <summary>Cancels the runs <paramref name="filter"/> selects: <c>DELETE /v2/workflows/runs?...</c>, one request.</summary>
    /// <param name="filter">The selection, checked by the caller.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    public Task<BulkCancelResult> CancelAsync(RunCancelFilter filter, CancellationToken cancellationToken) =>
        SumAsync(new DelegatingAsyncPageable<(long, bool)>(
            async (_, _, ct) =>
            {
                var request = new WorkflowRequest(HttpMethod.Delete, RunsPath);
                filter.AppendTo(request.Query);
                return Page<(long, bool)>.FromValues([await SendAsync(request, chunk: null, ct).ConfigureAwait(false)], continuationToken: null);
            },
            MaxIdsPerRequest,
            cancellationToken,
            OperationName));

    private static async Task<BulkCancelResult> SumAsync(AsyncPageable<(long Canceled, bool MayHaveDoneMore)> requests)
    {
        var (total, more) = (0L, false);
        await foreach (var (canceled, mayHaveDoneMore) in requests.ConfigureAwait(false))
        {
            total += canceled;
            more |= mayHaveDoneMore;
        }

        return new BulkCancelResult(total, more);
    }

    private async Task<(long, bool)> SendAsync(WorkflowRequest request, IdChunk? chunk, CancellationToken cancellationToken)
    {
        var (answer, mayHaveDoneMore) = await _outcome.SendReportingAsync(request, chunk, inDoubt: null, WorkflowJsonContext.Default.BulkCancelResponseWire, cancellationToken).ConfigureAwait(false);
        Log.RunsCanceled(_pipeline.Logger, request.Path, answer.Cancelled, chunk?.Token, chunk?.NextToken);
        return (answer.Cancelled, mayHaveDoneMore);
    }
}
