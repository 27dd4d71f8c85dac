using System.Globalization;
using BulkResume.Internal.Paging;

namespace BulkResume;

/// <summary>The result of a paged operation.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <remarks>
/// <c>await foreach</c> over it yields every item across all pages, requesting each page only when the previous one is
/// consumed; <see cref="AsPages(string?, int?)"/> yields the pages and their continuation tokens, for callers who save
/// progress and continue later.
/// </remarks>
public abstract class AsyncPageable<T> : IAsyncEnumerable<T>
{
    /// <summary>For derived classes and mocks.</summary>
    protected AsyncPageable()
    {
    }

    /// <summary>The pages of the operation, from the start or from a saved continuation token.</summary>
    /// <param name="continuationToken">A <see cref="Page{T}.ContinuationToken"/> from an earlier page, or null to start.</param>
    /// <param name="pageSizeHint">How many items per page to ask for, or null for the operation's default.</param>
    /// <returns>The pages, lazily requested.</returns>
    public abstract IAsyncEnumerable<Page<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null);

    /// <summary>Enumerates every item of every page.</summary>
    /// <param name="cancellationToken">Stops the enumeration between pages and aborts a request in flight.</param>
    /// <returns>The enumerator.</returns>
    public virtual async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        await foreach (var page in AsPages().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            foreach (var value in page.Values)
            {
                yield return value;
            }
        }
    }

    /// <summary>A pageable over fixed pages, for example to return from a mocked client.</summary>
    /// <param name="pages">The pages, in order.</param>
    /// <returns>The pageable.</returns>
    public static AsyncPageable<T> FromPages(IEnumerable<Page<T>> pages)
    {
        ArgumentNullException.ThrowIfNull(pages);
        var fixedPages = pages.ToArray();
        return new DelegatingAsyncPageable<T>(
            (token, _, _) =>
            {
                var index = token is null ? 0 : int.Parse(token, CultureInfo.InvariantCulture);
                var values = index < fixedPages.Length ? fixedPages[index].Values : [];
                var next = index + 1 < fixedPages.Length ? (index + 1).ToString(CultureInfo.InvariantCulture) : null;
                return Task.FromResult(Page<T>.FromValues(values, next));
            },
            maxPageSize: int.MaxValue,
            CancellationToken.None);
    }
}
