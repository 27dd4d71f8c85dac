using BulkResume.Internal.Diagnostics;
using BulkResume.Internal.Http;
using BulkResume.Internal.Operations;
using BulkResume.Internal.Wire;

namespace BulkResume.Internal.Draining;

/// <summary>
/// Splits the failure-time parts of a drain by criteria where their entries are, so that each piece holds an even share
/// of them.
/// </summary>
/// <remarks>
/// When the drain starts, while its first part is already being drained, it looks at how the selection's failure times
/// are spread, with listings that change nothing (<see cref="FailureTimeEstimate"/>): one of the selection's first 100
/// entries, which also tells the service's clock (its <c>Date</c>), then, in parallel, one per stretch of the rest, one
/// per idle worker, some even in time up to that clock and some doubling from the first entries (so that an even
/// spread, and entries bunched near the first failure long before the clock, are both seen in one round). The listings
/// only make the cuts better or worse: every cut covers its part exactly, whatever they answer. So they are advice:
/// when they fail, the drain goes on without cuts.
/// <para>A part that answers a full page holding a page or more beyond its share of what is left (the estimated entries
/// of every part, over the workers) sheds the excess as new pieces, one per idle worker, or one when none is idle,
/// to wait for the next worker free: so when a part ends early (the estimate was high there), the others hand over the
/// work it would have had, each a little, instead of one of them being cut in two. No piece is made smaller than a
/// page: it would take a request without saving a round trip.</para>
/// </remarks>
internal sealed class FailureTimeSplitter : IPartSplitter
{
    /// <summary>Entries per listing: the most the listing returns.</summary>
    private const int ListingSize = 100;

    private readonly WorkflowPipeline _pipeline;
    private readonly string _listPath;
    private readonly ResumeFilter _filter;
    private readonly TimeRangePart _whole;
    private readonly int _workers;
    private readonly int _pageSize;
    private Task<FailureTimeEstimate>? _estimate;

    /// <param name="pipeline">Sends the listings.</param>
    /// <param name="listPath">The DLQ listing's path.</param>
    /// <param name="filter">The caller's criteria.</param>
    /// <param name="whole">The drain's whole range: the caller's.</param>
    /// <param name="workers">The drain's requests in flight: the spread is listed in one stretch fewer, at once.</param>
    /// <param name="pageSize">Entries a page takes: the smallest excess worth shedding, and the smallest piece.</param>
    public FailureTimeSplitter(WorkflowPipeline pipeline, string listPath, ResumeFilter filter, TimeRangePart whole, int workers, int pageSize)
    {
        _pageSize = pageSize;
        _pipeline = pipeline;
        _listPath = listPath;
        _filter = filter;
        _whole = whole;
        _workers = workers;
    }

    public void Start(CancellationToken cancellationToken) => _estimate = EstimateAsync(cancellationToken);

    public async ValueTask<IReadOnlyList<DrainPart>> SplitAsync(DrainPart part, DrainLoad load, CancellationToken cancellationToken)
    {
        // Only an idle worker is worth waiting for the listings.
        if (_estimate is not { } pending || (load.Idle == 0 && !pending.IsCompleted))
        {
            return [part];
        }

        return Cut((TimeRangePart)part, load, await pending.WaitAsync(cancellationToken).ConfigureAwait(false), _pageSize);
    }

    /// <summary>The part as it goes on (first) and the pieces it sheds, or the part alone: the rule of a split.</summary>
    /// <param name="part">A part that has just answered a full page.</param>
    /// <param name="load">The workers and the other parts.</param>
    /// <param name="estimate">Where the entries lie.</param>
    /// <param name="pageSize">Entries a page takes.</param>
    internal static IReadOnlyList<DrainPart> Cut(TimeRangePart part, DrainLoad load, FailureTimeEstimate estimate, int pageSize)
    {
        // Where the estimate sees nothing left, cuts would be guesses: most of them, even in time over what the part has
        // taken, would come back empty. What is left there is likely little; the part's cursor finishes it.
        var left = part.Left(estimate);
        var share = (left + load.Others.Sum(other => ((TimeRangePart)other).Left(estimate))) / load.Workers;
        var excess = left - share;
        if (left <= 0 || excess < pageSize)
        {
            return [part];
        }

        var keep = Math.Max(share, pageSize);
        var pieces = Math.Min(Math.Max(1, load.Idle), (int)Math.Max(1, Math.Round(excess / keep)));
        return part.Split(pieces + 1, keep, estimate);
    }

    private async Task<FailureTimeEstimate> EstimateAsync(CancellationToken cancellationToken)
    {
        try
        {
            var (first, serviceNow) = await ListAsync(_whole.From, _whole.To, cancellationToken).ConfigureAwait(false);

            // Past the service's clock nothing has failed yet; without its Date the client's clock stands in. Date has
            // whole seconds: the service's clock may be up to one past it.
            var top = serviceNow is { } date ? date.ToUnixTimeMilliseconds() + 999 : ClientNow();
            var builder = new FailureTimeEstimate.Builder(top, past: long.MinValue).Saw(serviceNow);
            if (first.Count == 0)
            {
                return builder.Build();
            }

            builder.Add(first.Min(), first.Max(), first, full: false);
            if (first.Count < ListingSize)
            {
                return builder.Build();
            }

            // Where an empty stretch follows a full one, the entries end somewhere inside it: one more round looks closer.
            // One stretch per worker but one: the first listing goes on beside the first part's request.
            var (listedFrom, listedTo) = (first.Min(), first.Max());
            var rest = FailureTimeEstimate.Cut(listedTo + 1, Math.Min(top, _whole.To ?? long.MaxValue), listedTo - listedFrom + 1, _workers - 1, _whole.To);
            await ListIntoAsync(builder, rest, cancellationToken).ConfigureAwait(false);
            await ListIntoAsync(builder, builder.Refinements(_workers - 1), cancellationToken).ConfigureAwait(false);
            return builder.Build();
        }
        catch (Exception exception) when (exception is WorkflowApiException or OperationCanceledException)
        {
            // Nothing awaits these listings unless a part splits, and a failed one must neither fail the drain nor go unobserved.
            Log.SplitGuideFailed(_pipeline.Logger, _listPath, exception.Message);
            return FailureTimeEstimate.Unknown(ClientNow(), past: long.MinValue);
        }
    }

    /// <summary>Lists the stretches side by side and adds what each returned.</summary>
    private async Task ListIntoAsync(FailureTimeEstimate.Builder builder, IReadOnlyList<(long From, long? To)> stretches, CancellationToken cancellationToken)
    {
        var listings = new Task<(IReadOnlyList<long> FailedAt, DateTimeOffset? Date)>[stretches.Count];
        for (var i = 0; i < stretches.Count; i++)
        {
            listings[i] = ListAsync(stretches[i].From, stretches[i].To, cancellationToken);
        }

        await Task.WhenAll(listings).ConfigureAwait(false);
        for (var i = 0; i < stretches.Count; i++)
        {
            var (failedAt, date) = listings[i].Result;
            builder.Saw(date).Add(stretches[i].From, stretches[i].To, failedAt, full: failedAt.Count >= ListingSize);
        }
    }

    /// <summary>The failure times of the first entries of <paramref name="from"/>..<paramref name="to"/>, and the service's clock.</summary>
    private async Task<(IReadOnlyList<long> FailedAt, DateTimeOffset? Date)> ListAsync(long? from, long? to, CancellationToken cancellationToken)
    {
        var request = CursorRequest.Create(HttpMethod.Get, _listPath, query => _filter.AppendTo(query, from, to), ListingSize, cursor: null);
        var (answer, date, _) = await _pipeline.SendForResultAsync(request, WorkflowJsonContext.Default.DlqListResponseWire, cancellationToken).ConfigureAwait(false);
        var failedAt = new long[answer.Messages?.Count ?? 0];
        for (var i = 0; i < failedAt.Length; i++)
        {
            failedAt[i] = answer.Messages![i].CreatedAt;
        }

        return (failedAt, date);
    }

    private long ClientNow() => _pipeline.Time.GetUtcNow().ToUnixTimeMilliseconds();
}
