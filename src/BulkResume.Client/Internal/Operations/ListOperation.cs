using System.Text.Json.Serialization.Metadata;
using BulkResume.Internal.Http;
using BulkResume.Internal.Paging;

namespace BulkResume.Internal.Operations;

/// <summary>A read-only listing (DLQ entries, run logs): one GET per page, addressed by a <see cref="SelectionPager"/>, the answer mapped to models.</summary>
/// <typeparam name="TWire">The answer's wire type.</typeparam>
/// <typeparam name="T">The model listed.</typeparam>
internal sealed class ListOperation<TWire, T>
{
    private readonly WorkflowPipeline _pipeline;
    private readonly SelectionPager _pager;
    private readonly JsonTypeInfo<TWire> _answerType;
    private readonly Func<TWire, (IReadOnlyList<T> Values, string? Cursor)> _read;
    private readonly int? _pageSize;

    /// <param name="pipeline">Sends the requests.</param>
    /// <param name="path">The listing's path.</param>
    /// <param name="filter">The selection (validated by the caller).</param>
    /// <param name="answerType">How to read an answer.</param>
    /// <param name="read">The page's models and the service's cursor, from an answer.</param>
    /// <param name="pageSize">The validated <c>count</c>, or null for the service's default.</param>
    public ListOperation(WorkflowPipeline pipeline, string path, ResumeFilter filter, JsonTypeInfo<TWire> answerType, Func<TWire, (IReadOnlyList<T> Values, string? Cursor)> read, int? pageSize)
    {
        _pipeline = pipeline;
        _pager = new SelectionPager(HttpMethod.Get, path, filter, PageSizeRange.MaxList);
        _answerType = answerType;
        _read = read;
        _pageSize = pageSize;
    }

    public AsyncPageable<T> ToPageable(CancellationToken cancellationToken) =>
        new DelegatingAsyncPageable<T>(FetchPageAsync, PageSizeRange.MaxList, cancellationToken);

    private async Task<Page<T>> FetchPageAsync(string? continuationToken, int? pageSizeHint, CancellationToken cancellationToken)
    {
        var page = _pager.CreatePage(continuationToken, pageSizeHint ?? _pageSize);
        var answer = await _pipeline.SendAsync(page.Request, _answerType, cancellationToken).ConfigureAwait(false);
        var (values, cursor) = _read(answer);
        return Page<T>.FromValues(values, page.NextToken(cursor));
    }
}
