using System.Diagnostics;
using BulkResume.Internal.Diagnostics;

namespace BulkResume.Internal.Paging;

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
