using BulkResume.Internal.Http;

namespace BulkResume.Internal.Operations;

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
