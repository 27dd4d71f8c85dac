using BulkResume.Internal.Diagnostics;
using Microsoft.Extensions.Logging;

namespace BulkResume.Internal.Operations;

/// <summary>
/// Sends the pages of a bulk call by explicit ids and records in the caller's <see cref="DlqIdsProgress"/> where each
/// id stands: sent (in doubt until answered), done, missing, or refused.
/// </summary>
/// <remarks>
/// With <see cref="ResumeOptions.SkipMissingDlqIds"/> a page refused with 404 is sent again without the ids the service
/// named as missing: the service acts on a page's ids all or nothing, so one id already gone would hold up the rest.
/// Only named ids are dropped and only the page's own ids are sent again, so nothing outside the caller's list is ever
/// acted on.
/// </remarks>
internal sealed class IdPageSender
{
    private readonly SelectionPager _pager;
    private readonly DlqIdsProgress? _progress;
    private readonly bool _skipMissing;
    private readonly ILogger _logger;
    private readonly string _path;

    /// <param name="pager">Builds a page sent again with fewer ids.</param>
    /// <param name="progress">Where each id's state is recorded; null when the caller gave none.</param>
    /// <param name="skipMissing">Whether a 404 that names missing ids sends the rest again.</param>
    /// <param name="logger">Where a skip is logged.</param>
    /// <param name="path">The operation's path, for the log.</param>
    public IdPageSender(SelectionPager pager, DlqIdsProgress? progress, bool skipMissing, ILogger logger, string path)
    {
        _pager = pager;
        _progress = progress;
        _skipMissing = skipMissing;
        _logger = logger;
        _path = path;
    }

    /// <summary>Sends a page of ids until the service has answered for every id of it that is still in the DLQ.</summary>
    /// <param name="page">The page, naming its chunk's ids.</param>
    /// <param name="none">The answer when every id of the page was missing, so that nothing was acted on.</param>
    /// <param name="send">Sends one request of the page.</param>
    /// <param name="cancellationToken">Aborts the request in flight, whose ids stay in doubt.</param>
    public async Task<T> SendAsync<T>(SelectionPage page, T none, Func<SelectionPage, CancellationToken, Task<T>> send, CancellationToken cancellationToken)
    {
        var chunk = page.Ids!;
        var offset = page.IdOffset;
        var positions = Enumerable.Range(offset, chunk.Count).ToArray();
        if (page.Chunk is not null)
        {
            // One request at a time, continued from a token: the ids before it were done by the call that handed it out.
            _progress?.AssumeDoneBefore(offset);
        }

        _progress?.Set(positions, DlqIdsProgress.IdState.Sent);
        while (true)
        {
            try
            {
                var answer = await send(page, cancellationToken).ConfigureAwait(false);
                _progress?.Set(positions, DlqIdsProgress.IdState.Done);
                return answer;
            }
            catch (DlqEntriesNotFoundException notFound) when (_skipMissing && notFound.NamedByService)
            {
                var missing = notFound.DlqIds.ToHashSet(StringComparer.Ordinal);
                var gone = Array.FindAll(positions, position => missing.Contains(chunk[position - offset]));
                positions = Array.FindAll(positions, position => !missing.Contains(chunk[position - offset]));
                _progress?.Set(gone, DlqIdsProgress.IdState.Missing);
                Log.MissingIdsSkipped(_logger, _path, gone.Length, positions.Length);
                if (positions.Length == 0)
                {
                    return none;
                }

                page = _pager.Narrow(page, Array.ConvertAll(positions, position => chunk[position - offset]));
            }
            catch (WorkflowApiException refused) when (refused is not OutcomeUnknownException)
            {
                // A refusal acts on none of the page's ids; an unknown outcome or a cancellation leaves them in doubt.
                _progress?.Set(positions, DlqIdsProgress.IdState.NotAttempted);
                throw;
            }
        }
    }
}
