using BulkResume.Internal.Draining;

namespace BulkResume.Client.Tests.Draining;

/// <summary>A split of a failure-time range covers it exactly: adjacent, disjoint, both ends inclusive, nothing outside.</summary>
public sealed class TimeRangePartTests
{
    [Fact]
    public void Every_split_of_random_ranges_and_pivots_covers_the_range_exactly()
    {
        var random = new Random(20261201);
        for (var i = 0; i < 20_000; i++)
        {
            long to = random.NextInt64(-1_000_000, 2_000_000_000_000);
            long? from = random.Next(4) == 0 ? null : to - random.NextInt64(0, 100_000_000_000);
            var range = new TimeRangePart(from, to);
            var pieces = random.Next(1, 33);
            var low = from ?? to - random.NextInt64(0, 1_000_000);
            long? pivot = random.Next(5) == 0 ? null : low + random.NextInt64(-10, to - low + 10);

            var parts = range.Split(pieces, pivot);

            Assert.InRange(parts.Count, 1, pieces);
            Assert.Equal(range.From, parts[0].From);
            Assert.Equal(range.To, parts[^1].To);
            for (var p = 1; p < parts.Count; p++)
            {
                Assert.Equal(parts[p - 1].To + 1, parts[p].From);
                Assert.True(parts[p].From <= parts[p].To, $"{parts[p].Label} is empty");
            }
        }
    }

    [Fact]
    public void Cuts_are_even_from_the_pivot_and_the_lowest_piece_keeps_the_empty_stretch_below_it()
    {
        var range = new TimeRangePart(null, 1_999);

        var parts = range.Split(4, pivot: 1_000);

        Assert.Equal(["*..1249", "1250..1499", "1500..1749", "1750..1999"], parts.Select(part => part.Label));
    }

    [Fact]
    public void One_millisecond_is_not_cut()
    {
        Assert.Single(new TimeRangePart(7, 7).Split(8, pivot: 7));
        Assert.Single(new TimeRangePart(null, 7).Split(8, pivot: 7));
    }
}
