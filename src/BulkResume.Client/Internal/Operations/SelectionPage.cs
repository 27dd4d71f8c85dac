using System.Text.Json.Serialization.Metadata;
using BulkResume.Internal.Http;

namespace BulkResume.Internal.Operations;

/// <summary>One page's request of a <see cref="SelectionPager"/>, and how the page after it is addressed.</summary>
internal sealed class SelectionPage
{
    public SelectionPage(WorkflowRequest request, string? token, int? pageSize, IdChunk? chunk)
    {
        Request = request;
        Token = token;
        PageSize = pageSize;
        Chunk = chunk;
    }

    public WorkflowRequest Request { get; }

    /// <summary>The continuation token this page was requested at (null for the first page), for logs.</summary>
    public string? Token { get; }

    /// <summary>The <c>count</c> sent, or the number of ids sent; null when the service chooses.</summary>
    public int? PageSize { get; }

    /// <summary>
    /// The page of the id list this page names, so that an unknown outcome can say where the list stands; null when it
    /// follows the service's cursor, and in a concurrent drain (which says so itself, see <c>IdDrainFailure</c>).
    /// </summary>
    public IdChunk? Chunk { get; }

    /// <summary>
    /// By ids: the position of the page's first id in the call's list, where a <see cref="DlqIdsProgress"/> records
    /// them. A page sent again without the ids a 404 named as missing keeps its chunk's.
    /// </summary>
    public int IdOffset { get; init; }

    /// <summary><see langword="true"/> when the page names explicit ids (and the service's cursor is not followed).</summary>
    public bool ByIds => Request.DlqIds is not null;

    /// <summary>
    /// Sends the page's request. When a page of explicit ids meets an unknown outcome, the exception also says which ids
    /// the earlier pages did and which later ones were never sent, so the caller knows where the whole list stands.
    /// </summary>
    public async Task<T> SendAsync<T>(WorkflowPipeline pipeline, JsonTypeInfo<T> answerType, CancellationToken cancellationToken)
    {
        try
        {
            return await pipeline.SendAsync(Request, answerType, cancellationToken).ConfigureAwait(false);
        }
        catch (ResumeOutcomeUnknownException unknown) when (Chunk is { } chunk)
        {
            // The whole chunk, not only the ids sent: after a 404 skipped some as missing, the lists still add up to the call's.
            throw unknown.WithBulkProgress(chunk.Ids, chunk.Before, chunk.After);
        }
    }

    /// <summary>The token of the next page, given the cursor the service answered: null when this is the last page.</summary>
    public string? NextToken(string? answerCursor) =>
        Chunk is { } chunk ? chunk.NextToken : string.IsNullOrEmpty(answerCursor) ? null : answerCursor;
}
