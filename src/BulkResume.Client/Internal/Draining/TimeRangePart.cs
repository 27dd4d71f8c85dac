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
    /// The range in up to <paramref name="pieces"/> adjacent, disjoint parts that together are this one, lowest first.
    /// When <paramref name="pivot"/> (a failure time known to be the selection's first) lies inside the range, the cuts
    /// are even from the pivot up and the lowest piece also keeps the stretch below it, where no entry is, so that
    /// neither an empty stretch before the first entry takes the even cuts nor a request is spent on it alone. A range
    /// without a lower bound is otherwise cut as if it began at the Unix epoch; its lowest piece keeps no lower bound.
    /// A single millisecond is not cut.
    /// </summary>
    public IReadOnlyList<TimeRangePart> Split(int pieces, long? pivot)
    {
        var start = From ?? Math.Min(0, To);
        if (pivot is { } first && first > start && first <= To)
        {
            start = first;
        }

        if (pieces < 2 || start >= To)
        {
            return [this];
        }

        var parts = new List<TimeRangePart>(pieces);
        AddEven(parts, start, To, pieces, keepFrom: From);
        return parts;
    }

    /// <summary>Cuts <paramref name="start"/>..<paramref name="end"/> into <paramref name="pieces"/> (fewer when it has fewer milliseconds); the first keeps <paramref name="keepFrom"/> as its lower bound.</summary>
    private static void AddEven(List<TimeRangePart> parts, long start, long end, int pieces, long? keepFrom)
    {
        // Failure times lie within DateTimeOffset's range (about 3.2e14 ms each way), so width * pieces can't overflow.
        var width = end - start + 1;
        var count = (int)Math.Min(pieces, width);
        var lower = start;
        for (var i = 1; i <= count; i++)
        {
            var upper = i == count ? end : start + (width * i / count) - 1;
            parts.Add(new TimeRangePart(i == 1 ? keepFrom : lower, upper));
            lower = upper + 1;
        }
    }
}
