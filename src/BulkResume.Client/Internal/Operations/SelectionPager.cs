using BulkResume.Internal.Http;

namespace BulkResume.Internal.Operations;

/// <summary>
/// Builds the request of each page of a bulk operation over a <see cref="ResumeFilter"/> (resume, restart, delete).
/// With criteria, pages follow the service's cursor. With explicit ids, the ids are sent in chunks of at most the page
/// size, in order, as repeated <c>dlqIds</c> (see <see cref="IdChunk"/>).
/// </summary>
internal sealed class SelectionPager
{
    private readonly HttpMethod _method;
    private readonly string _path;
    private readonly ResumeFilter _filter;
    private readonly int _maxPageSize;

    /// <param name="method">The operation's HTTP method.</param>
    /// <param name="path">The operation's path, e.g. <c>/v2/workflows/dlq/resume</c>.</param>
    /// <param name="filter">The selection, validated by the caller.</param>
    /// <param name="maxPageSize">The chunk size for explicit ids when no page size is given: the service's limit per request.</param>
    public SelectionPager(HttpMethod method, string path, ResumeFilter filter, int maxPageSize)
    {
        _method = method;
        _path = path;
        _filter = filter;
        _maxPageSize = maxPageSize;
    }

    /// <summary>The request of the page at <paramref name="continuationToken"/> (null: the first).</summary>
    /// <param name="continuationToken">A token from an earlier page of this operation.</param>
    /// <param name="pageSize">The <c>count</c> to ask for (criteria) or the chunk size (ids); null for the default.</param>
    public SelectionPage CreatePage(string? continuationToken, int? pageSize)
    {
        if (!_filter.HasDlqIds)
        {
            var request = CursorRequest.Create(_method, _path, _filter.AppendTo, pageSize, continuationToken);
            return new SelectionPage(request, continuationToken, pageSize, chunk: null);
        }

        var chunk = IdChunk.At(_filter.DlqIds, continuationToken, pageSize ?? _maxPageSize);
        var idsRequest = new WorkflowRequest(_method, _path) { DlqIds = chunk.Ids };
        idsRequest.Query.AddEach("dlqIds", chunk.Ids);
        return new SelectionPage(idsRequest, chunk.Token, chunk.Ids.Length, chunk);
    }
}
