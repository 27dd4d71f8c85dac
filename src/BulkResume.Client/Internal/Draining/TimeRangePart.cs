using System.Globalization;

namespace BulkResume.Internal.Draining;

/// <summary>
/// A failure-time range of a drain by criteria: <c>fromDate</c> to <c>toDate</c>, Unix milliseconds, both inclusive,
/// within the caller's range. The lowest part keeps the caller's lower bound, which may be none.
/// </summary>
internal sealed class TimeRangePart : DrainPart
{
    public TimeRangePart(long? from, long to)
    {
        From = from;
        To = to;
    }

    /// <summary>The earliest failure time, or null for no lower bound.</summary>
    public long? From { get; }

    /// <summary>The latest failure time.</summary>
    public long To { get; }

    /// <summary>The range in Unix milliseconds, inclusive: <c>1752829295505..1752829299999</c>, <c>*..1752829299999</c> without a lower bound.</summary>
    public override string Label =>
        string.Create(CultureInfo.InvariantCulture, $"{(From is { } from ? from.ToString(CultureInfo.InvariantCulture) : "*")}..{To}");

    /// <summary>
    /// The range in up to <paramref name="pieces"/> adjacent, disjoint parts of equal width that together are this one,
    /// lowest first: the cut when nothing is known of where the entries are. A range without a lower bound is cut as if
    /// it began at the Unix epoch; its lowest piece keeps no lower bound. A single millisecond is not cut.
    /// </summary>
    public IReadOnlyList<TimeRangePart> SplitEvenly(int pieces)
    {
        var start = From ?? Math.Min(0, To);
        if (pieces < 2 || start >= To)
        {
            return [this];
        }

        // Failure times lie within DateTimeOffset's range (about 3.2e14 ms each way), so width * pieces can't overflow.
        var width = To - start + 1;
        var count = (int)Math.Min(pieces, width);
        var parts = new List<TimeRangePart>(count);
        var lower = start;
        for (var i = 1; i <= count; i++)
        {
            var upper = i == count ? To : start + (width * i / count) - 1;
            parts.Add(new TimeRangePart(i == 1 ? From : lower, upper));
            lower = upper + 1;
        }

        return parts;
    }

    /// <summary>
    /// The range in up to <paramref name="pieces"/> adjacent, disjoint parts that together are this one, lowest first,
    /// cut ahead of <paramref name="first"/> (the part's first remaining failure time) in widths that double from
    /// <paramref name="firstWidth"/>: the first piece is this part's lower bound up to <c>first + firstWidth - 1</c>,
    /// the last takes whatever is left up to <see cref="To"/>. Doubling keeps the pieces near where the entries are
    /// busy, however far the range reaches past them (a DLQ of last night's outage drained at noon), and puts few
    /// empty pieces past its end; a piece that turns out large is split again when it answers full pages.
    /// </summary>
    public IReadOnlyList<TimeRangePart> SplitAhead(long first, long firstWidth, int pieces)
    {
        var cut = Math.Clamp(first, From ?? long.MinValue, To);
        if (pieces < 2 || cut >= To)
        {
            return [this];
        }

        var parts = new List<TimeRangePart>(pieces);
        long? lower = From;
        var width = Math.Max(1, firstWidth);
        var upper = cut;
        for (var i = 1; i < pieces && To - upper > width; i++)
        {
            upper += width;
            parts.Add(new TimeRangePart(lower, upper - 1));
            lower = upper;
            width = width > (To - upper) / 2 ? To - upper : width * 2;
        }

        parts.Add(new TimeRangePart(lower, To));
        return parts;
    }
}
