using BulkResume.Cli.Hosting;
using BulkResume.Cli.Output;

namespace BulkResume.Cli.Operations;

/// <summary>
/// Drives a bulk resume or restart page by page. One request at a time, a stop request is honoured only between pages,
/// so a page in flight is never abandoned; the cursor after the last finished page is kept so the run can be continued.
/// With several requests in flight there is no moment between pages: a stop leaves the drain, which abandons the
/// requests in flight (what they did is done once, not listed), and there is no cursor: the same command continues.
/// </summary>
internal static class PagedRun
{
    /// <param name="pageable">The bulk operation.</param>
    /// <param name="startCursor">A cursor from <c>--resume-from</c>, or null to start.</param>
    /// <param name="pageSize">Entries per request, or null for the service's default.</param>
    /// <param name="concurrent">Whether pages come from several requests in flight (no cursors).</param>
    /// <param name="target">The DLQ, named in the error text.</param>
    /// <param name="onProgress">Called after each page with the entries done so far.</param>
    /// <param name="stopRequested">Checked after each page.</param>
    public static async Task<BulkRunResult> ExecuteAsync(
        AsyncPageable<ResumedRun> pageable, string? startCursor, int? pageSize, bool concurrent, DlqTarget target, Action<long> onProgress, CancellationToken stopRequested)
    {
        var runs = new List<ResumedRun>();
        var cursor = startCursor;
        var pages = 0;
        try
        {
            // No cancellation token here on purpose: Ctrl+C must not abort a request that may already have been applied.
            await foreach (var page in pageable.AsPages(startCursor, pageSize))
            {
                runs.AddRange(page.Values);
                cursor = page.ContinuationToken;
                pages++;
                onProgress(runs.Count);
                if ((cursor is not null || concurrent) && stopRequested.IsCancellationRequested)
                {
                    return new BulkRunResult(RunStatus.Interrupted, runs, cursor, null);
                }
            }

            return new BulkRunResult(RunStatus.Done, runs, null, null);
        }
        catch (Exception e) when (e is WorkflowApiException or HttpRequestException or TimeoutException)
        {
            return new BulkRunResult(pages > 0 ? RunStatus.Partial : RunStatus.Failed, runs, cursor, ErrorText.Describe(e, target));
        }
    }
}
