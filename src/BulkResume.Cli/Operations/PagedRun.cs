using BulkResume.Cli.Hosting;
using BulkResume.Cli.Output;

namespace BulkResume.Cli.Operations;

/// <summary>
/// Drives a bulk resume or restart page by page. A stop request is honoured only between pages, so a page in flight
/// is never abandoned half-sent; the cursor after the last finished page is kept so the run can be continued.
/// </summary>
internal static class PagedRun
{
    /// <param name="pageable">The bulk operation.</param>
    /// <param name="startCursor">A cursor from <c>--resume-from</c>, or null to start.</param>
    /// <param name="pageSize">Entries per request, or null for the service's default.</param>
    /// <param name="target">The DLQ, named in the error text.</param>
    /// <param name="onProgress">Called after each page with the entries done so far.</param>
    /// <param name="stopRequested">Checked after each page.</param>
    public static async Task<BulkRunResult> ExecuteAsync(
        AsyncPageable<ResumedRun> pageable, string? startCursor, int? pageSize, DlqTarget target, Action<long> onProgress, CancellationToken stopRequested)
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
                if (cursor is not null && stopRequested.IsCancellationRequested)
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
