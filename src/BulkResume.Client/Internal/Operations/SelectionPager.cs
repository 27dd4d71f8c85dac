using System.Text.Json;
using BulkResume.Internal.Draining;
using BulkResume.Internal.Http;
using BulkResume.Internal.Wire;

namespace BulkResume.Internal.Operations;

/// <summary>
/// Builds the request of each page of a bulk operation over a <see cref="ResumeFilter"/> (resume, restart, delete).
/// </summary>
/// <remarks>
/// With criteria, pages follow the service's cursor. With explicit ids, the ids are sent in chunks of at most the page
/// size, in order (see <see cref="IdChunk"/>): in a JSON body <c>{"dlqIds": [...]}</c> to the operation's
/// <c>/multi</c> endpoint, or, for an operation without one, as repeated <c>dlqIds</c> on its own path. In a concurrent
/// drain, each page is of one <see cref="DrainPart"/>.
/// </remarks>
internal sealed class SelectionPager
{
    private readonly HttpMethod _method;
    private readonly string _path;
    private readonly ResumeFilter _filter;
    private readonly int _maxPageSize;
    private readonly string? _idsPath;

    /// <param name="method">The operation's HTTP method.</param>
    /// <param name="path">The operation's path, e.g. <c>/v2/workflows/dlq/resume</c>.</param>
    /// <param name="filter">The selection, validated by the caller.</param>
    /// <param name="maxPageSize">The chunk size for explicit ids when no page size is given: the service's limit per request.</param>
    /// <param name="idsPath">The operation's endpoint for explicit ids, which takes them in a JSON body (<c>/v2/workflows/dlq/restart/multi</c>); null to send them as repeated <c>dlqIds</c> on <paramref name="path"/>.</param>
    public SelectionPager(HttpMethod method, string path, ResumeFilter filter, int maxPageSize, string? idsPath)
    {
        _method = method;
        _path = path;
        _filter = filter;
        _maxPageSize = maxPageSize;
        _idsPath = idsPath;
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
        if (_idsPath is { } idsPath)
        {
            return new WorkflowRequest(_method, idsPath)
            {
                Body = JsonSerializer.SerializeToUtf8Bytes(new DlqIdsRequestWire(ids), WorkflowJsonContext.Default.DlqIdsRequestWire),
            };
        }

        var request = new WorkflowRequest(_method, _path);
        request.Query.AddEach("dlqIds", ids);
        return request;
    }
}

/// <summary>The request of a page that follows the service's cursor: the selection's parameters, then <c>count</c>, then <c>cursor</c>.</summary>
internal static class CursorRequest
{
    /// <param name="method">The operation's HTTP method.</param>
    /// <param name="path">The operation's path.</param>
    /// <param name="appendSelection">Adds the selection's parameters, in the order the contract lists them.</param>
    /// <param name="count">The page size to ask for, or null for the service's default.</param>
    /// <param name="cursor">The service's cursor, or null for the first page.</param>
    public static WorkflowRequest Create(HttpMethod method, string path, Action<QueryString> appendSelection, int? count, string? cursor)
    {
        var request = new WorkflowRequest(method, path);
        appendSelection(request.Query);
        if (count is { } size)
        {
            request.Query.Add("count", size);
        }

        if (cursor is not null)
        {
            request.Query.Add("cursor", cursor);
        }

        return request;
    }
}

/// <summary>One page's request of a <see cref="SelectionPager"/>, and how the page after it is addressed.</summary>
internal sealed class SelectionPage
{
    public SelectionPage(WorkflowRequest request, string? token, int? pageSize)
    {
        Request = request;
        Token = token;
        PageSize = pageSize;
    }

    public WorkflowRequest Request { get; }

    /// <summary>The continuation token this page was requested at (null for the first page), for logs.</summary>
    public string? Token { get; }

    /// <summary>The <c>count</c> sent, or the number of ids sent; null when the service chooses.</summary>
    public int? PageSize { get; }

    /// <summary>The explicit ids the request names, in order; null when the page is of criteria.</summary>
    public IReadOnlyList<string>? Ids { get; init; }

    /// <summary>
    /// The page of the id list this page names, so that an unknown outcome can say where the list stands; null when it
    /// follows the service's cursor, and in a concurrent drain (which says so itself, see <see cref="ActionOutcome.OfIdDrain"/>).
    /// </summary>
    public IdChunk? Chunk { get; init; }

    /// <summary>
    /// By ids: the position of the page's first id in the call's list, where a <see cref="DlqIdsProgress"/> records
    /// them.
    /// </summary>
    /// <remarks>A page sent again without the ids a 404 named as missing keeps its chunk's.</remarks>
    public int IdOffset { get; init; }

    /// <summary><see langword="true"/> when the page names explicit ids (and the service's cursor is not followed).</summary>
    public bool ByIds => Ids is not null;

    /// <summary>The token of the next page, given the cursor the service answered: null when this is the last page.</summary>
    public string? NextToken(string? answerCursor) =>
        Chunk is { } chunk ? chunk.NextToken : string.IsNullOrEmpty(answerCursor) ? null : answerCursor;
}
