using BulkResume.Internal.Diagnostics;
using BulkResume.Internal.Http;
using BulkResume.Internal.Operations;
using BulkResume.Internal.Wire;

namespace BulkResume.Internal.Draining;

/// <summary>
/// Splits the failure-time parts of a drain by criteria. When the drain starts it lists the selection's first entry
/// (<c>count=1</c>, a read that changes nothing) and cuts from that entry's failure time up, so that the years before
/// a DLQ's first failure are one piece instead of taking every even cut. The listing's order only makes the cuts
/// better or worse: every cut covers its part exactly, whatever it answers. So the listing is advice: when it fails the
/// cuts are even, and the drain goes on.
/// </summary>
internal sealed class FailureTimeSplitter : IPartSplitter
{
    private readonly WorkflowPipeline _pipeline;
    private readonly string _listPath;
    private readonly ResumeFilter _filter;
    private readonly TimeRangePart _whole;
    private Task<long?>? _firstFailure;

    /// <param name="pipeline">Sends the listing.</param>
    /// <param name="listPath">The DLQ listing's path.</param>
    /// <param name="filter">The caller's criteria.</param>
    /// <param name="whole">The drain's whole range: the caller's, capped at the drain's start.</param>
    public FailureTimeSplitter(WorkflowPipeline pipeline, string listPath, ResumeFilter filter, TimeRangePart whole)
    {
        _pipeline = pipeline;
        _listPath = listPath;
        _filter = filter;
        _whole = whole;
    }

    public void Start(CancellationToken cancellationToken) => _firstFailure = FirstFailureAsync(cancellationToken);

    public async ValueTask<IReadOnlyList<DrainPart>> SplitAsync(DrainPart part, int pieces, CancellationToken cancellationToken)
    {
        var pivot = _firstFailure is { } first ? await first.WaitAsync(cancellationToken).ConfigureAwait(false) : null;
        return ((TimeRangePart)part).Split(pieces, pivot);
    }

    private async Task<long?> FirstFailureAsync(CancellationToken cancellationToken)
    {
        var request = CursorRequest.Create(HttpMethod.Get, _listPath, query => _filter.AppendTo(query, _whole.From, _whole.To), count: 1, cursor: null);
        try
        {
            var answer = await _pipeline.SendAsync(request, WorkflowJsonContext.Default.DlqListResponseWire, cancellationToken).ConfigureAwait(false);
            return answer.Messages is [var first, ..] ? first.CreatedAt : null;
        }
        catch (Exception exception) when (exception is WorkflowApiException or OperationCanceledException)
        {
            // Nothing awaits this listing unless a part splits, and a failed one must neither fail the drain nor go unobserved.
            Log.SplitGuideFailed(_pipeline.Logger, _listPath, exception.Message);
            return null;
        }
    }
}
