using System.Runtime.CompilerServices;
using BulkResume.Internal.Draining;

namespace BulkResume.Internal.Paging;

/// <summary>The pages of a <see cref="ConcurrentDrain{T}"/>, in the order they complete.</summary>
/// <remarks>
/// They carry no continuation token, and none is taken: no single token marks where a drain of several parts at once
/// stands.
/// </remarks>
internal sealed class ConcurrentAsyncPageable<T> : AsyncPageable<T>
{
    private readonly Func<int?, ConcurrentDrain<T>> _createDrain;
    private readonly int _maxPageSize;
    private readonly CancellationToken _operationCancellation;
    private readonly string _operationName;
    private readonly CancellationToken _gracefulStop;

    /// <param name="createDrain">A new drain for one enumeration, given the page size hint (null: the operation's).</param>
    /// <param name="maxPageSize">The largest page size hint accepted.</param>
    /// <param name="operationCancellation">The token given to the method that created the pageable.</param>
    /// <param name="operationName">The name of the span that covers the whole enumeration.</param>
    /// <param name="gracefulStop">Ends the enumeration after the requests in flight, which are still yielded.</param>
    public ConcurrentAsyncPageable(Func<int?, ConcurrentDrain<T>> createDrain, int maxPageSize, CancellationToken operationCancellation, string operationName, CancellationToken gracefulStop)
    {
        _gracefulStop = gracefulStop;
        _createDrain = createDrain;
        _maxPageSize = maxPageSize;
        _operationCancellation = operationCancellation;
        _operationName = operationName;
    }

    /// <exception cref="ArgumentException">A continuation token was given.</exception>
    public override IAsyncEnumerable<Page<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null)
    {
        PageSizeRange.Ensure(pageSizeHint, _maxPageSize, nameof(pageSizeHint));
        if (!string.IsNullOrEmpty(continuationToken))
        {
            throw new ArgumentException(
                "A drain with ResumeOptions.MaxConcurrency above 1 can't continue from a continuation token: it pages several parts of the selection at once, so no one token marks where it stands, and its pages carry none. "
                + "Run the same selection again without a token: the entries already resumed have left the DLQ, so it continues where the last run stopped. To page with tokens, set MaxConcurrency to 1 or null.",
                nameof(continuationToken));
        }

        return EnumeratePagesAsync(pageSizeHint);
    }

    private async IAsyncEnumerable<Page<T>> EnumeratePagesAsync(int? pageSizeHint, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var scope = new OperationScope(_operationCancellation, cancellationToken, _operationName);
        scope.Token.ThrowIfCancellationRequested();

        // The workers start here, so that every request's span is a child of the operation's.
        scope.Enter();
        await foreach (var values in _createDrain(pageSizeHint).RunAsync(_gracefulStop, scope.Token).ConfigureAwait(false))
        {
            yield return Page<T>.FromValues(values, continuationToken: null);
        }
    }
}
