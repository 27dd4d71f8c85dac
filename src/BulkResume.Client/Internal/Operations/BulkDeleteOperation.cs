using BulkResume.Internal.Diagnostics;
using BulkResume.Internal.Http;
using BulkResume.Internal.Paging;
using BulkResume.Internal.Wire;

namespace BulkResume.Internal.Operations;

/// <summary>
/// Bulk delete: one request per page (cursors for criteria, chunks of at most <see cref="ResumeOptions.MaxPageSize"/>
/// explicit ids), under one <c>BulkDelete</c> span, until the service has no cursor left; the counts are summed.
/// </summary>
internal sealed class BulkDeleteOperation
{
    private readonly WorkflowPipeline _pipeline;
    private readonly string _path;
    private readonly SelectionPager _pager;

    /// <param name="pipeline">Sends the requests.</param>
    /// <param name="path">The operation's path, <c>/v2/workflows/dlq</c>.</param>
    /// <param name="filter">The selection, validated by the caller.</param>
    public BulkDeleteOperation(WorkflowPipeline pipeline, string path, ResumeFilter filter)
    {
        _pipeline = pipeline;
        _path = path;
        _pager = new SelectionPager(HttpMethod.Delete, path, filter, ResumeOptions.MaxPageSize);
    }

    public async Task<long> RunAsync(CancellationToken cancellationToken)
    {
        var pages = new DelegatingAsyncPageable<long>(FetchPageAsync, ResumeOptions.MaxPageSize, cancellationToken, "BulkDelete");
        var total = 0L;
        await foreach (var deleted in pages.ConfigureAwait(false))
        {
            total += deleted;
        }

        return total;
    }

    private async Task<Page<long>> FetchPageAsync(string? continuationToken, int? pageSizeHint, CancellationToken cancellationToken)
    {
        var page = _pager.CreatePage(continuationToken, pageSizeHint);
        var request = page.Request;
        var answer = await page.SendAsync(_pipeline, WorkflowJsonContext.Default.BulkDeleteResponseWire, cancellationToken).ConfigureAwait(false);

        // With criteria a lost attempt's deletions are simply gone (the retry does not count them); say so.
        if (request.EarlierAttemptMayHaveApplied && !page.ByIds)
        {
            Log.OutcomeUnknown(_pipeline.Logger, request.Method.Method, _path, page.Token, 0);
        }

        var nextToken = page.NextToken(answer.Cursor);
        Log.EntriesDeleted(_pipeline.Logger, _path, answer.Deleted, page.Token, nextToken);
        return Page<long>.FromValues([answer.Deleted], nextToken);
    }
}
