using System.Collections.Immutable;
using BulkResume.Internal.Http;
using BulkResume.Internal.Paging;

namespace BulkResume.Internal.Operations;

/// <summary>
/// The preview of explicit DLQ ids: the list endpoint takes no <c>dlqIds</c> (the service may ignore it and list the
/// whole DLQ), so each id is read with <c>GET /v2/workflows/dlq/{dlqId}</c>, a few at a time, in the order given.
/// </summary>
/// <remarks>
/// An id that answers 404 is not in the DLQ and is left out. Pages are chunks of the ids, continued like a bulk call's.
/// </remarks>
internal sealed class DlqIdsPreviewOperation
{
    /// <summary>How many reads are in flight at once: fast enough for a page of 100, gentle on the service's rate limit.</summary>
    internal const int MaxInFlight = 4;

    private readonly WorkflowPipeline _pipeline;
    private readonly string _path;
    private readonly ImmutableArray<string> _ids;
    private readonly int _pageSize;

    /// <param name="pipeline">Sends the requests.</param>
    /// <param name="path">The DLQ's path, <c>/v2/workflows/dlq</c>.</param>
    /// <param name="ids">The ids, validated by the filter.</param>
    /// <param name="pageSize">The ids per page.</param>
    public DlqIdsPreviewOperation(WorkflowPipeline pipeline, string path, ImmutableArray<string> ids, int pageSize)
    {
        _pipeline = pipeline;
        _path = path;
        _ids = ids;
        _pageSize = pageSize;
    }

    public AsyncPageable<DlqMessage> ToPageable(CancellationToken cancellationToken) =>
        new DelegatingAsyncPageable<DlqMessage>(FetchPageAsync, PageSizeRange.MaxList, cancellationToken);

    private async Task<Page<DlqMessage>> FetchPageAsync(string? continuationToken, int? pageSizeHint, CancellationToken cancellationToken)
    {
        var chunk = IdChunk.At(_ids, continuationToken, pageSizeHint ?? _pageSize);
        var requests = Array.ConvertAll(chunk.Ids, id => DlqEntryRequest.Create(HttpMethod.Get, _path, id, "filter"));
        var found = new DlqMessage?[requests.Length];
        await Parallel.ForEachAsync(
                Enumerable.Range(0, requests.Length),
                new ParallelOptions { MaxDegreeOfParallelism = MaxInFlight, CancellationToken = cancellationToken },
                async (index, token) => found[index] = await DlqEntryReader.ReadAsync(_pipeline, requests[index], token).ConfigureAwait(false))
            .ConfigureAwait(false);
        return Page<DlqMessage>.FromValues([.. found.OfType<DlqMessage>()], chunk.NextToken);
    }
}
