using System.Globalization;
using BulkResume.Internal.Http;

namespace BulkResume.Internal.Operations;

/// <summary>
/// Builds the request of each page of an operation over a <see cref="ResumeFilter"/> (list, bulk resume, restart,
/// delete). With criteria, pages follow the service's cursor. With explicit ids, the ids are sent in chunks of at most
/// the page size, in order, and the continuation token is <c>ids:&lt;offset&gt;</c>.
/// </summary>
internal sealed class SelectionPager
{
    private const string IdsTokenPrefix = "ids:";

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
            var request = new WorkflowRequest(_method, _path);
            _filter.AppendTo(request.Query);
            if (pageSize is { } size)
            {
                request.Query.Add("count", size);
            }

            if (continuationToken is not null)
            {
                request.Query.Add("cursor", continuationToken);
            }

            return new SelectionPage(request, continuationToken, pageSize, byIds: false, nextIdsToken: null);
        }

        var ids = _filter.DlqIds;
        var offset = ParseIdsOffset(continuationToken);
        var chunk = ids.AsSpan(offset, Math.Min(pageSize ?? _maxPageSize, ids.Length - offset)).ToArray();
        var idsRequest = new WorkflowRequest(_method, _path) { DlqIds = chunk };
        idsRequest.Query.AddEach("dlqIds", chunk);
        var next = offset + chunk.Length;
        return new SelectionPage(
            idsRequest,
            offset == 0 ? null : IdsToken(offset),
            chunk.Length,
            byIds: true,
            next < ids.Length ? IdsToken(next) : null);
    }

    private static string IdsToken(int offset) => IdsTokenPrefix + offset.ToString(CultureInfo.InvariantCulture);

    private int ParseIdsOffset(string? continuationToken)
    {
        if (continuationToken is null)
        {
            return 0;
        }

        if (continuationToken.StartsWith(IdsTokenPrefix, StringComparison.Ordinal)
            && int.TryParse(continuationToken.AsSpan(IdsTokenPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
            && offset < _filter.DlqIds.Length)
        {
            return offset;
        }

        throw new ArgumentException(
            "The continuation token does not belong to this list of DLQ ids. Pass a token from a page of the same ForDlqIds(...) operation, or null to start over.",
            nameof(continuationToken));
    }
}
