using BulkResume.Internal.Draining;

namespace BulkResume.Client.Tests.Draining;

/// <summary>A split of a failure-time range covers it exactly: adjacent, disjoint, both ends inclusive, nothing outside.</summary>
public sealed class TimeRangePartTests
{
    [Fact]
    public void Every_split_of_random_ranges_covers_the_range_exactly()
    {
        var random = new Random(20261201);
        for (var i = 0; i < 20_000; i++)
        {
            long to = random.NextInt64(-1_000_000, 2_000_000_000_000);
            long? from = random.Next(4) == 0 ? null : to - random.NextInt64(0, 100_000_000_000);
            var range = new TimeRangePart(from, to);
            var pieces = random.Next(1, 33);
            var low = from ?? to - random.NextInt64(0, 1_000_000);
            var first = low + random.NextInt64(-10, to - low + 10);
            var width = random.Next(3) == 0 ? random.NextInt64(-5, 5) : random.NextInt64(1, long.MaxValue / 4);

            AssertCovers(range, range.SplitAhead(first, width, pieces), pieces);
            AssertCovers(range, range.SplitEvenly(pieces), pieces);
        }
    }

    [Fact]
    public void Cut_ahead_the_pieces_start_at_the_first_remaining_entry_and_double()
    {
        var range = new TimeRangePart(null, 1_000_000);

        var pieces = range.SplitAhead(first: 500_000, firstWidth: 100, pieces: 5);

        Assert.Equal(["*..500099", "500100..500299", "500300..500699", "500700..501499", "501500..1000000"], pieces.Select(piece => piece.Label));
    }

    [Fact]
    public void One_millisecond_is_not_cut()
    {
        var range = new TimeRangePart(7, 7);

        Assert.Single(range.SplitAhead(7, 1, 8));
        Assert.Single(range.SplitEvenly(8));
    }

    private static void AssertCovers(TimeRangePart range, IReadOnlyList<TimeRangePart> pieces, int most)
    {
        Assert.InRange(pieces.Count, 1, most);
        Assert.Equal(range.From, pieces[0].From);
        Assert.Equal(range.To, pieces[^1].To);
        for (var i = 0; i < pieces.Count; i++)
        {
            Assert.True(pieces[i].From is null || pieces[i].From <= pieces[i].To, $"{pieces[i].Label} is empty");
            if (i > 0)
            {
                Assert.Equal(pieces[i - 1].To + 1, pieces[i].From);
            }
        }
    }
}
