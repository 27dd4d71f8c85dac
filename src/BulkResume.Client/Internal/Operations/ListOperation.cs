using System.Text.Json.Serialization.Metadata;
using BulkResume.Internal.Http;
using BulkResume.Internal.Paging;

namespace BulkResume.Internal.Operations;

/// <summary>A read-only listing by criteria (DLQ entries, run logs): one GET per page following the service's cursor, the answer mapped to models.</summary>
/// <typeparam name="TWire">The answer's wire type.</typeparam>
/// <typeparam name="T">The model listed.</typeparam>
internal sealed class ListOperation<TWire, T>
{
    private readonly WorkflowPipeline _pipeline;
    private readonly string _path;
    private readonly Action<QueryString> _appendSelection;
    private readonly JsonTypeInfo<TWire> _answerType;
    private readonly Func<TWire, (IReadOnlyList<T> Values, string? Cursor)> _read;
    private readonly int? _pageSize;
    private readonly int _maxPageSize;

    /// <param name="pipeline">Sends the requests.</param>
    /// <param name="path">The listing's path.</param>
    /// <param name="appendSelection">Adds the selection's query parameters (validated by the caller).</param>
    /// <param name="answerType">How to read an answer.</param>
    /// <param name="read">The page's models and the service's cursor, from an answer.</param>
    /// <param name="pageSize">The validated <c>count</c>, or null for the service's default.</param>
    /// <param name="maxPageSize">The largest <c>count</c> the service answers, for page size hints.</param>
    public ListOperation(
        WorkflowPipeline pipeline,
        string path,
        Action<QueryString> appendSelection,
        JsonTypeInfo<TWire> answerType,
        Func<TWire, (IReadOnlyList<T> Values, string? Cursor)> read,
        int? pageSize,
        int maxPageSize)
    {
        _pipeline = pipeline;
        _path = path;
        _appendSelection = appendSelection;
        _answerType = answerType;
        _read = read;
        _pageSize = pageSize;
        _maxPageSize = maxPageSize;
    }

    public AsyncPageable<T> ToPageable(CancellationToken cancellationToken) =>
        new DelegatingAsyncPageable<T>(FetchPageAsync, _maxPageSize, cancellationToken);

    private async Task<Page<T>> FetchPageAsync(string? continuationToken, int? pageSizeHint, CancellationToken cancellationToken)
    {
        var request = CursorRequest.Create(HttpMethod.Get, _path, _appendSelection, pageSizeHint ?? _pageSize, continuationToken);
        var answer = await _pipeline.SendAsync(request, _answerType, cancellationToken).ConfigureAwait(false);
        var (values, cursor) = _read(answer);
        return Page<T>.FromValues(values, string.IsNullOrEmpty(cursor) ? null : cursor);
    }
}
