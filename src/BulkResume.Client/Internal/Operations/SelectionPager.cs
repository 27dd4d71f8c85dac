using BulkResume.Internal.Draining;
using BulkResume.Internal.Http;

namespace BulkResume.Internal.Operations;

/// <summary>
/// Builds the request of each page of a bulk operation over a <see cref="ResumeFilter"/> (resume, restart, delete).
/// </summary>
/// <remarks>
/// With criteria, pages follow the service's cursor. With explicit ids, the ids are sent in chunks of at most the page
/// size, in order, as repeated <c>dlqIds</c> (see <see cref="IdChunk"/>). In a concurrent drain, each page is of one
/// <see cref="DrainPart"/>.
/// </remarks>
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
            return new SelectionPage(request, continuationToken, pageSize);
        }

        var chunk = IdChunk.At(_filter.DlqIds, continuationToken, pageSize ?? _maxPageSize);
        return new SelectionPage(IdsRequest(chunk.Ids), chunk.Token, chunk.Ids.Length) { Ids = chunk.Ids, Chunk = chunk, IdOffset = chunk.Offset };
    }

    /// <summary>The request of a page of <paramref name="part"/>, at the part's own <paramref name="cursor"/> (null: its first page).</summary>
    /// <param name="part">A part of a concurrent drain of this selection.</param>
    /// <param name="cursor">The cursor the service answered for this part's previous page.</param>
    /// <param name="pageSize">The <c>count</c> to ask for.</param>
    public SelectionPage CreatePage(DrainPart part, string? cursor, int pageSize)
    {
        var request = part switch
        {
            TimeRangePart range => CursorRequest.Create(_method, _path, query => _filter.AppendTo(query, range.From, range.To), pageSize, cursor),
            IdRangePart ids => IdsRequest(ids.Ids),
            _ => throw new ArgumentOutOfRangeException(nameof(part), part, "Unknown kind of part."),
        };
        request.Part = part.Label;
        return part is IdRangePart chunk
            ? new SelectionPage(request, cursor, chunk.Ids.Length) { Ids = chunk.Ids, IdOffset = chunk.Offset }
            : new SelectionPage(request, cursor, pageSize);
    }

    /// <summary>A page of ids sent again with only <paramref name="ids"/>, the rest of its own after a 404 named the others as missing.</summary>
    public SelectionPage Narrow(SelectionPage page, string[] ids)
    {
        var request = IdsRequest(ids);
        request.Part = page.Request.Part;
        return new SelectionPage(request, page.Token, ids.Length) { Ids = ids, Chunk = page.Chunk, IdOffset = page.IdOffset };
    }

    private WorkflowRequest IdsRequest(string[] ids)
    {
        var request = new WorkflowRequest(_method, _path);
        request.Query.AddEach("dlqIds", ids);
        return request;
    }
}
