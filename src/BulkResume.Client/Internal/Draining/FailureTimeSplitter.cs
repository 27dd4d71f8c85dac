using BulkResume.Internal.Diagnostics;
using BulkResume.Internal.Http;
using BulkResume.Internal.Operations;
using BulkResume.Internal.Wire;

namespace BulkResume.Internal.Draining;

/// <summary>
/// Splits the failure-time parts of a drain by criteria. Before it cuts a part it lists the part's first few remaining
/// entries (a read that changes nothing) and cuts ahead of the first, in widths that grow from the time those entries
/// span (<see cref="TimeRangePart.SplitAhead"/>), so that the stretch the part has already drained, and the years
/// before a DLQ's first failure, take no cut. The listing only makes the cuts better or worse: every cut covers its
/// part exactly, whatever it answers. So it is advice: when it fails the cuts are even, and the drain goes on.
/// </summary>
internal sealed class FailureTimeSplitter : IPartSplitter
{
    /// <summary>The entries listed to place a split: enough to tell their spacing, few enough to read cheaply.</summary>
    internal const int SampleSize = 20;

    private readonly WorkflowPipeline _pipeline;
    private readonly string _listPath;
    private readonly ResumeFilter _filter;
    private readonly int _pageSize;

    /// <param name="pipeline">Sends the listings.</param>
    /// <param name="listPath">The DLQ listing's path.</param>
    /// <param name="filter">The caller's criteria.</param>
    /// <param name="pageSize">The entries a page of the drain takes.</param>
    public FailureTimeSplitter(WorkflowPipeline pipeline, string listPath, ResumeFilter filter, int pageSize)
    {
        _pipeline = pipeline;
        _listPath = listPath;
        _filter = filter;
        _pageSize = pageSize;
    }

    public async ValueTask<IReadOnlyList<DrainPart>> SplitAsync(DrainPart part, int pieces, CancellationToken cancellationToken)
    {
        var range = (TimeRangePart)part;
        if (range.From == range.To)
        {
            // One millisecond: the service's filters go no finer, so there is nothing to list for.
            return [range];
        }

        var times = await FirstFailureTimesAsync(range, cancellationToken).ConfigureAwait(false);
        if (times is null)
        {
            return range.SplitEvenly(pieces);
        }

        // Fewer than a sample left: a page or so, not worth more requests.
        if (times.Count < SampleSize)
        {
            return [range];
        }

        // The first piece gets about two pages' worth of time at the spacing the sample shows. The listing is oldest first
        // on the services we know; min and max keep the cut exact whatever its order.
        var (first, last) = (times.Min(), times.Max());
        var firstWidth = (last - first) * 2 * _pageSize / (times.Count - 1);
        return range.SplitAhead(first, firstWidth, pieces);
    }

    private async Task<IReadOnlyList<long>?> FirstFailureTimesAsync(TimeRangePart range, CancellationToken cancellationToken)
    {
        var request = CursorRequest.Create(HttpMethod.Get, _listPath, query => _filter.AppendTo(query, range.From, range.To), count: SampleSize, cursor: null);
        try
        {
            var answer = await _pipeline.SendAsync(request, WorkflowJsonContext.Default.DlqListResponseWire, cancellationToken).ConfigureAwait(false);
            return answer.Messages is { } messages ? [.. messages.Select(message => message.CreatedAt)] : [];
        }
        catch (WorkflowApiException exception)
        {
            Log.SplitGuideFailed(_pipeline.Logger, _listPath, exception.Message);
            return null;
        }
    }
}
