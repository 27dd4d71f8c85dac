using System.Diagnostics;
using System.Runtime.CompilerServices;
using BulkResume.Internal.Diagnostics;

namespace BulkResume.Internal.Paging;

/// <summary>
/// Fetches one page at a time through a delegate and follows continuation tokens until there are none, or until a
/// graceful stop, which is looked at before each request: the enumeration then ends after the page it has.
/// </summary>
internal sealed class DelegatingAsyncPageable<T> : AsyncPageable<T>
{
    private readonly Func<string?, int?, CancellationToken, Task<Page<T>>> _fetchPage;
    private readonly int _maxPageSize;
    private readonly CancellationToken _operationCancellation;
    private readonly string? _operationName;
    private readonly CancellationToken _gracefulStop;

    /// <param name="fetchPage">Fetches the page at a continuation token (null: the first) with an optional page size.</param>
    /// <param name="maxPageSize">The largest page size hint accepted.</param>
    /// <param name="operationCancellation">The token given to the method that created the pageable.</param>
    /// <param name="operationName">When set, one trace span of this name covers the whole enumeration, parent of each request's span.</param>
    /// <param name="gracefulStop">Once signaled, no further page is requested and the enumeration ends.</param>
    public DelegatingAsyncPageable(Func<string?, int?, CancellationToken, Task<Page<T>>> fetchPage, int maxPageSize, CancellationToken operationCancellation, string? operationName = null, CancellationToken gracefulStop = default)
    {
        _gracefulStop = gracefulStop;
        _operationName = operationName;
        _fetchPage = fetchPage;
        _maxPageSize = maxPageSize;
        _operationCancellation = operationCancellation;
    }

    public override IAsyncEnumerable<Page<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null)
    {
        PageSizeRange.Ensure(pageSizeHint, _maxPageSize, nameof(pageSizeHint));
        return EnumeratePagesAsync(string.IsNullOrEmpty(continuationToken) ? null : continuationToken, pageSizeHint);
    }

    private async IAsyncEnumerable<Page<T>> EnumeratePagesAsync(string? continuationToken, int? pageSizeHint, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var scope = new OperationScope(_operationCancellation, cancellationToken, _operationName);
        while (!_gracefulStop.IsCancellationRequested)
        {
            scope.Token.ThrowIfCancellationRequested();
            scope.Enter();
            var page = await _fetchPage(continuationToken, pageSizeHint, scope.Token).ConfigureAwait(false);
            yield return page;
            continuationToken = page.ContinuationToken;
            if (continuationToken is null)
            {
                yield break;
            }
        }
    }
}

/// <summary>
/// What one enumeration of a pageable runs under: the cancellation of the method that created it joined with the
/// enumeration's own, and, when named, one trace span for the whole enumeration.
/// </summary>
internal sealed class OperationScope : IDisposable
{
    private readonly CancellationTokenSource? _linked;
    private readonly Activity? _operation;

    /// <param name="operationCancellation">The token given to the method that created the pageable.</param>
    /// <param name="enumerationCancellation">The token given to the enumeration.</param>
    /// <param name="operationName">The span's name, or null for none.</param>
    public OperationScope(CancellationToken operationCancellation, CancellationToken enumerationCancellation, string? operationName)
    {
        _linked = operationCancellation.CanBeCanceled && enumerationCancellation.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(operationCancellation, enumerationCancellation)
            : null;
        Token = _linked?.Token ?? (enumerationCancellation.CanBeCanceled ? enumerationCancellation : operationCancellation);
        _operation = operationName is null ? null : ClientTelemetry.Source.StartActivity(operationName);
    }

    public CancellationToken Token { get; }

    /// <summary>
    /// Makes the operation's span the parent of what starts next: after a yield, an iterator resumes in the consumer's
    /// context, where it is not.
    /// </summary>
    public void Enter()
    {
        if (_operation is not null)
        {
            Activity.Current = _operation;
        }
    }

    public void Dispose()
    {
        _operation?.Dispose();
        _linked?.Dispose();
    }
}
