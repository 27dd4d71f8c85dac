using BulkResume.Cli.Hosting;
using BulkResume.Cli.Output;

namespace BulkResume.Cli.Operations;

/// <summary>Drives a bulk resume or restart page by page.</summary>
/// <remarks>
/// A stop request is the SDK's graceful stop: no request is sent after it, and those in flight are answered and listed,
/// so nothing the service did goes unreported. One request at a time the cursor after the last page is kept so the run
/// can be continued; with several in flight there is no cursor, and the same command continues (what was done has left
/// the DLQ). A second Ctrl+C abandons the requests in flight: the run ends at once with what it saw.
/// </remarks>
internal static class PagedRun
{
    /// <param name="pageable">The bulk operation, started with <paramref name="stopRequested"/> as its graceful stop and <paramref name="abortRequested"/> as its cancellation.</param>
    /// <param name="startCursor">A cursor from <c>--resume-from</c>, or null to start.</param>
    /// <param name="pageSize">Entries per request, or null for the service's default.</param>
    /// <param name="concurrent">Whether pages come from several requests in flight (no cursors).</param>
    /// <param name="target">The DLQ, named in the error text.</param>
    /// <param name="onProgress">Called after each page with the entries done so far.</param>
    /// <param name="stopRequested">Ctrl+C: whether the run ended because of it.</param>
    /// <param name="abortRequested">A second Ctrl+C: whether the run was abandoned.</param>
    public static async Task<BulkRunResult> ExecuteAsync(
        AsyncPageable<ResumedRun> pageable,
        string? startCursor,
        int? pageSize,
        bool concurrent,
        DlqTarget target,
        Action<long> onProgress,
        CancellationToken stopRequested,
        CancellationToken abortRequested)
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
            }

            var finished = pages > 0 && cursor is null && !concurrent;
            return stopRequested.IsCancellationRequested && !finished
                ? new BulkRunResult(RunStatus.Interrupted, runs, cursor, null)
                : new BulkRunResult(RunStatus.Done, runs, null, null);
        }
        catch (OperationCanceledException) when (abortRequested.IsCancellationRequested)
        {
            return new BulkRunResult(RunStatus.Interrupted, runs, cursor, null) { Abandoned = true };
        }
        catch (Exception e) when (e is WorkflowApiException or HttpRequestException or TimeoutException)
        {
            return new BulkRunResult(pages > 0 ? RunStatus.Partial : RunStatus.Failed, runs, cursor, ErrorText.Describe(e, target));
        }
    }
}
