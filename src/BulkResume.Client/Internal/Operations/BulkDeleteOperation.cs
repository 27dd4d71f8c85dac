using BulkResume.Internal.Diagnostics;
using BulkResume.Internal.Draining;
using BulkResume.Internal.Http;
using BulkResume.Internal.Paging;
using BulkResume.Internal.Wire;

namespace BulkResume.Internal.Operations;

/// <summary>
/// Bulk delete: one request per page (cursors for criteria, chunks of at most <see cref="ResumeOptions.MaxPageSize"/>
/// explicit ids), under one <c>BulkDelete</c> span, until the service has no cursor left; the counts are summed.
/// </summary>
/// <remarks>
/// With a concurrency above 1, a <see cref="ConcurrentDrain{T}"/> deletes disjoint parts side by side.
/// </remarks>
internal sealed class BulkDeleteOperation
{
    private const string OperationName = "BulkDelete";

    private readonly WorkflowPipeline _pipeline;
    private readonly string _path;
    private readonly ResumeFilter _filter;
    private readonly SelectionPager _pager;
    private readonly IdPageSender _idPages;
    private readonly ActionOutcome _outcome;

    /// <param name="pipeline">Sends the requests.</param>
    /// <param name="path">The operation's path, <c>/v2/workflows/dlq</c>, which is also the listing's.</param>
    /// <param name="idsPath">The endpoint for explicit ids, which takes them in a JSON body: <c>/v2/workflows/dlq/multi</c>.</param>
    /// <param name="filter">The selection, validated by the caller.</param>
    /// <param name="progress">By ids, where each id's state is recorded; null when the caller gave none.</param>
    /// <param name="skipMissing">By ids, whether a 404 that names missing ids sends the rest again.</param>
    public BulkDeleteOperation(WorkflowPipeline pipeline, string path, string idsPath, ResumeFilter filter, DlqIdsProgress? progress = null, bool skipMissing = false)
    {
        _pipeline = pipeline;
        _path = path;
        _filter = filter;
        _pager = new SelectionPager(HttpMethod.Delete, path, filter, ResumeOptions.MaxPageSize, idsPath);
        _idPages = new IdPageSender(_pager, progress, skipMissing, pipeline.Logger, path);
        _outcome = ActionOutcome.TakingEntries(pipeline);
    }

    /// <param name="maxConcurrency">Requests in flight, validated; null or 1 for one at a time.</param>
    /// <param name="gracefulStop">Once signaled, no request is sent; the deletions of those in flight are counted.</param>
    /// <param name="cancellationToken">Stops between requests and aborts those in flight.</param>
    public Task<long> RunAsync(int? maxConcurrency, CancellationToken gracefulStop, CancellationToken cancellationToken) =>
        SumAsync(
            maxConcurrency is > 1 and var workers
                ? new ConcurrentAsyncPageable<long>(_ => CreateDrain(workers), ResumeOptions.MaxPageSize, cancellationToken, OperationName, gracefulStop)
                : new DelegatingAsyncPageable<long>(FetchPageAsync, ResumeOptions.MaxPageSize, cancellationToken, OperationName, gracefulStop));

    private static async Task<long> SumAsync(AsyncPageable<long> pages)
    {
        var total = 0L;
        await foreach (var deleted in pages.ConfigureAwait(false))
        {
            total += deleted;
        }

        return total;
    }

    private ConcurrentDrain<long> CreateDrain(int workers) =>
        DrainPlan.For(_filter, ResumeOptions.MaxPageSize, _pipeline, _path, workers)
            .CreateDrain(FetchPartAsync, _path);

    private async Task<Page<long>> FetchPageAsync(string? continuationToken, int? pageSizeHint, CancellationToken cancellationToken)
    {
        var page = _pager.CreatePage(continuationToken, pageSizeHint);
        var answer = await SendAsync(page, cancellationToken).ConfigureAwait(false);
        var nextToken = page.NextToken(answer.Cursor);
        Log.EntriesDeleted(_pipeline.Logger, page.Request.Path, answer.Deleted, page.Token, nextToken);
        return Page<long>.FromValues([answer.Deleted], nextToken);
    }

    private async Task<PartPage<long>> FetchPartAsync(DrainPart part, string? cursor, CancellationToken cancellationToken)
    {
        // A part's page counts as full only against a count we sent: the listing's limit, which the engine caps a delete at.
        const int Count = PageSizeRange.MaxList;
        var page = _pager.CreatePage(part, cursor, Count);
        var answer = await SendAsync(page, cancellationToken).ConfigureAwait(false);
        var nextCursor = page.ByIds || string.IsNullOrEmpty(answer.Cursor) ? null : answer.Cursor;
        Log.PartPageCompleted(_pipeline.Logger, page.Request.Path, part.Label, answer.Deleted, Count, cursor, nextCursor);
        return new PartPage<long>([answer.Deleted], answer.Deleted, nextCursor, Full: answer.Deleted >= Count);
    }

    // With criteria a lost attempt's deletions are simply gone (the retry does not count them): the outcome logs it.
    private Task<BulkDeleteResponseWire> SendAsync(SelectionPage page, CancellationToken cancellationToken) =>
        page.ByIds ? _idPages.SendAsync(page, new BulkDeleteResponseWire(), SendRequestAsync, cancellationToken) : SendRequestAsync(page, cancellationToken);

    private Task<BulkDeleteResponseWire> SendRequestAsync(SelectionPage page, CancellationToken cancellationToken) =>
        _outcome.SendPageAsync(page, WorkflowJsonContext.Default.BulkDeleteResponseWire, cancellationToken);
}
