using System.Globalization;

namespace BulkResume.Internal.Draining;

/// <summary>
/// A failure-time range of a drain by criteria: <c>fromDate</c> to <c>toDate</c>, Unix milliseconds, both inclusive,
/// within the caller's range.
/// </summary>
/// <remarks>
/// The lowest part keeps the caller's lower bound and the top part the caller's upper bound, either of which may be
/// none: no part stops at a clock.
/// </remarks>
internal sealed class TimeRangePart : DrainPart
{
    public TimeRangePart(long? from, long? to, bool holdsTop)
    {
        From = from;
        To = to;
        HoldsTop = holdsTop;
    }

    /// <summary>The earliest failure time, or null for no lower bound.</summary>
    public long? From { get; }

    /// <summary>The latest failure time, or null for no upper bound.</summary>
    public long? To { get; }

    /// <summary>
    /// The part reaches the top of the selection, where entries that fail while the drain runs arrive, so it is the
    /// drain's last request: a cursor loop ends on its last page, this part on a pass after every other part is done.
    /// </summary>
    public override bool HoldsTop { get; }

    /// <summary>The range in Unix milliseconds, inclusive: <c>1752829295505..1752829299999</c>; <c>*</c> for no bound.</summary>
    public override string Label =>
        string.Create(CultureInfo.InvariantCulture, $"{Bound(From)}..{Bound(To)}");

    /// <summary>How many entries <paramref name="estimate"/> puts in the part above those it has taken (its lowest).</summary>
    public double Left(FailureTimeEstimate estimate)
    {
        var (start, end) = Untaken(estimate);
        return start < end ? estimate.Before(end + 1) - estimate.Before(start) : 0;
    }

    /// <summary>
    /// The range in up to <paramref name="pieces"/> adjacent, disjoint parts that together are this one, lowest first,
    /// each with an even share of what is left.
    /// </summary>
    public IReadOnlyList<TimeRangePart> Split(int pieces, FailureTimeEstimate estimate) => Split(pieces, keep: null, estimate);

    /// <summary>
    /// The range in up to <paramref name="pieces"/> adjacent, disjoint parts that together are this one, lowest first:
    /// the lowest keeps <paramref name="keep"/> of the entries <paramref name="estimate"/> says are left (null: an
    /// even share), the others share the rest evenly.
    /// </summary>
    /// <remarks>
    /// The shares are of what the estimate says is left above the entries the part has taken (its lowest), and the
    /// lowest piece keeps the stretch already drained; where the estimate sees nothing left, the cuts are even in time,
    /// from the part's start (the Unix epoch for none) to its end or the estimate's top. No cut falls after
    /// <see cref="FailureTimeEstimate.Past"/>, so an entry failing from now on lands in the top piece. The top piece
    /// keeps the part's upper bound, so a part without one still has none. A single millisecond is not cut.
    /// </remarks>
    public IReadOnlyList<TimeRangePart> Split(int pieces, double? keep, FailureTimeEstimate estimate)
    {
        var (start, end) = Untaken(estimate);
        var last = Math.Min(end, estimate.Past);
        var left = start < end ? estimate.Before(end + 1) - estimate.Before(start) : 0;
        var cuts = pieces < 2 ? []
            : left > 0 ? Shares(estimate, start, left, Math.Min(keep ?? left / pieces, left), pieces, last)
            : EvenWidths(From ?? Math.Min(0, end), last, pieces);
        if (cuts.Count == 0)
        {
            return [this];
        }

        var parts = new List<TimeRangePart>(cuts.Count + 1);
        var lower = From;
        foreach (var cut in cuts)
        {
            parts.Add(new TimeRangePart(lower, cut - 1, holdsTop: false));
            lower = cut;
        }

        parts.Add(new TimeRangePart(lower, To, HoldsTop));
        parts[0].Taken = Taken;
        return parts;
    }

    /// <summary>Where the part's untaken entries lie as far as the estimate knows: from above those taken to its end or the estimate's top.</summary>
    private (long Start, long End) Untaken(FailureTimeEstimate estimate)
    {
        var end = To ?? estimate.Top;
        var start = Math.Max(From ?? long.MinValue, estimate.CutAfter(estimate.Before(From ?? long.MinValue) + Taken));
        return (start, end);
    }

    /// <summary>
    /// Cut points above <paramref name="start"/> and at most <paramref name="last"/>: the first after
    /// <paramref name="keep"/> of the <paramref name="left"/> entries, the others evenly through the rest.
    /// </summary>
    private static List<long> Shares(FailureTimeEstimate estimate, long start, double left, double keep, int pieces, long last)
    {
        var first = estimate.Before(start) + keep;
        var cuts = new List<long>(pieces - 1);
        for (var i = 0; i < pieces - 1; i++)
        {
            var cut = estimate.CutAfter(first + ((left - keep) * i / (pieces - 1)));
            if (cut > (cuts.Count > 0 ? cuts[^1] : start) && cut <= last)
            {
                cuts.Add(cut);
            }
        }

        return cuts;
    }

    /// <summary>Cut points that part <paramref name="start"/>..<paramref name="end"/> into even widths (fewer when it has fewer milliseconds).</summary>
    private static List<long> EvenWidths(long start, long end, int pieces)
    {
        if (start >= end)
        {
            return [];
        }

        // Failure times lie within DateTimeOffset's range (about 3.2e14 ms each way), so width * pieces can't overflow.
        var width = end - start + 1;
        var count = (int)Math.Min(pieces, width);
        var cuts = new List<long>(count - 1);
        for (var i = 1; i < count; i++)
        {
            cuts.Add(start + (width * i / count));
        }

        return cuts;
    }

    private static string Bound(long? time) => time is { } value ? value.ToString(CultureInfo.InvariantCulture) : "*";
}
