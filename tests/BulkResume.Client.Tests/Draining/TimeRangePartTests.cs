using BulkResume.Internal.Draining;

namespace BulkResume.Client.Tests.Draining;

/// <summary>
/// A split of a failure-time range covers it exactly (adjacent, disjoint, both ends inclusive, nothing outside, an open
/// end kept open) whatever the estimate says, and it puts the cuts where the estimate puts the entries.
/// </summary>
public sealed class TimeRangePartTests
{
    [Fact]
    public void Every_split_of_random_ranges_and_estimates_covers_the_range_exactly()
    {
        var random = new Random(20261207);
        for (var i = 0; i < 20_000; i++)
        {
            long? to = random.Next(4) == 0 ? null : random.NextInt64(-1_000_000, 2_000_000_000_000);
            var high = to ?? random.NextInt64(-1_000_000, 2_000_000_000_000);
            long? from = random.Next(4) == 0 ? null : high - random.NextInt64(0, 100_000_000_000);
            var range = new TimeRangePart(from, to, holdsTop: random.Next(2) == 0) { Taken = random.Next(3) == 0 ? random.Next(0, 5_000) : 0 };
            var pieces = random.Next(1, 33);

            var estimate = RandomEstimate(random, (from ?? high - 1_000_000) - 1_000, high + 100_000);
            double? keep = random.Next(2) == 0 ? null : random.Next(0, 3_000);
            var parts = range.Split(pieces, keep, estimate);

            Assert.InRange(parts.Count, 1, pieces);
            Assert.All(parts.Skip(1), part => Assert.True(part.From <= estimate.Past, $"{part.Label} starts after {estimate.Past}, the service's past"));
            Assert.Equal(range.From, parts[0].From);
            Assert.Equal(range.To, parts[^1].To);
            Assert.Equal(range.HoldsTop, parts[^1].HoldsTop);
            Assert.All(parts.SkipLast(1), part => Assert.False(part.HoldsTop));
            for (var p = 1; p < parts.Count; p++)
            {
                Assert.Equal(parts[p - 1].To + 1, parts[p].From);
                Assert.True(parts[p].To is null || parts[p].From <= parts[p].To, $"{parts[p].Label} is empty");
            }
        }
    }

    [Fact]
    public void Cuts_share_the_estimated_entries_evenly_not_the_time()
    {
        // 600 entries one millisecond apart from 1,000, then 200 spread over the next 100,000 ms.
        var builder = new FailureTimeEstimate.Builder(top: 200_000, past: 200_000).Add(1_000, 1_599, [.. Enumerable.Range(1_000, 600).Select(t => (long)t)], full: false);
        builder.Add(1_600, 101_599, [.. Enumerable.Range(0, 200).Select(i => 1_600L + (i * 500))], full: false);
        var range = new TimeRangePart(null, null, holdsTop: true);

        var parts = range.Split(4, builder.Build());

        Assert.Equal(["*..1199", "1200..1399", "1400..1599", "1600..*"], parts.Select(part => part.Label));
        Assert.True(parts[^1].HoldsTop);
    }

    [Fact]
    public void A_part_that_has_taken_entries_cuts_what_is_left_above_them_and_its_lowest_piece_keeps_the_rest()
    {
        var times = Enumerable.Range(0, 1_000).Select(i => 10_000L + i).ToArray();
        var estimate = new FailureTimeEstimate.Builder(top: 20_000, past: 20_000).Add(10_000, null, times, full: false).Build();
        var range = new TimeRangePart(10_000, 10_999, holdsTop: false) { Taken = 600 };

        var parts = range.Split(2, estimate);

        Assert.Equal(["10000..10799", "10800..10999"], parts.Select(part => part.Label));
        Assert.Equal(600, parts[0].Taken);
        Assert.Equal(0, parts[1].Taken);
    }

    [Fact]
    public void The_lowest_piece_can_keep_a_given_share_and_the_others_share_the_rest_evenly()
    {
        var times = Enumerable.Range(0, 1_000).Select(i => 10_000L + i).ToArray();
        var estimate = new FailureTimeEstimate.Builder(top: 20_000, past: 20_000).Add(10_000, null, times, full: false).Build();
        var range = new TimeRangePart(10_000, 10_999, holdsTop: false) { Taken = 200 };

        var parts = range.Split(3, keep: 600, estimate);

        // 800 left above the 200 taken: the lowest keeps 600 of them, two pieces share the other 200.
        Assert.Equal(["10000..10799", "10800..10899", "10900..10999"], parts.Select(part => part.Label));
        Assert.Equal(800, range.Left(estimate), precision: 6);
    }

    [Fact]
    public void No_cut_falls_after_what_is_known_to_have_passed_on_the_services_clock()
    {
        // 100 entries listed up to 990 and, the listing being full, as many again assumed up to the top (2,000); but the
        // service's clock is only known to have passed 1,200. An entry failing from now on may fail at 1,201: it must
        // land in the top piece, which passes last, so the cut the estimate would put near 1,500 is not made.
        var listed = Enumerable.Range(0, 100).Select(i => (long)i * 10).ToArray();
        var estimate = new FailureTimeEstimate.Builder(top: 2_000, past: 1_200).Add(0, null, listed, full: true).Build();

        var parts = new TimeRangePart(0, null, holdsTop: true).Split(4, estimate);

        Assert.Equal(1_200, estimate.Past);
        Assert.Equal(3, parts.Count);
        Assert.All(parts, part => Assert.True(part.From <= 1_200, part.Label));
        Assert.True(parts[^1].HoldsTop);
        Assert.Null(parts[^1].To);
        Assert.Single(new TimeRangePart(0, null, holdsTop: true).Split(4, FailureTimeEstimate.Unknown(top: 2_000, past: long.MinValue)));
    }

    [Fact]
    public void What_an_answer_lists_or_its_date_says_has_passed_is_past()
    {
        var builder = new FailureTimeEstimate.Builder(top: 10_000, past: long.MinValue).Add(0, 999, [5, 700], full: false);
        Assert.Equal(700, builder.Build().Past);
        Assert.Equal(3_000, builder.Saw(DateTimeOffset.FromUnixTimeMilliseconds(3_000)).Saw(null).Build().Past);
    }

    [Fact]
    public void A_full_listing_is_assumed_to_go_on_at_its_density_to_the_end_of_its_stretch()
    {
        // 100 entries in the first 100 ms of a stretch of 1,000 ms: about 1,000 in it.
        var estimate = new FailureTimeEstimate.Builder(top: 5_000, past: 5_000).Add(0, 999, [.. Enumerable.Range(0, 100).Select(t => (long)t)], full: true).Build();

        Assert.Equal(1_000, estimate.Before(1_000), precision: 6);
        Assert.Equal(550, estimate.Before(550), precision: 6);
        Assert.Equal(550, estimate.CutAfter(550));
    }

    [Fact]
    public void Where_an_empty_stretch_follows_a_full_one_the_rest_is_listed_again_finer_and_the_estimate_follows_it()
    {
        // 3,000 entries one a millisecond from 0; a first stretch lists 100 of them and the next stretch is empty, so
        // the entries end somewhere in the first: assumed to go on to its end (10,000), they are overcounted.
        var entries = Enumerable.Range(0, 3_000).Select(t => (long)t).ToArray();
        var builder = new FailureTimeEstimate.Builder(top: 20_000, past: 20_000)
            .Add(0, 9_999, entries[..100], full: true)
            .Add(10_000, null, [], full: false);
        Assert.Equal(10_000, builder.Build().Before(20_001), precision: 6);

        var stretches = builder.Refinements(7);

        Assert.InRange(stretches.Count, 2, 7);
        Assert.Equal(100, stretches[0].From);
        Assert.Equal(9_999, stretches[^1].To);
        for (var i = 1; i < stretches.Count; i++)
        {
            Assert.Equal(stretches[i - 1].To + 1, stretches[i].From);
        }

        foreach (var (from, to) in stretches)
        {
            var listed = entries.Where(t => t >= from && t <= to).Take(100).ToArray();
            builder.Add(from, to, listed, full: listed.Length == 100);
        }

        var refined = builder.Build().Before(20_001);
        Assert.InRange(refined, 3_000, 5_100);
    }

    [Fact]
    public void Without_an_estimate_the_cuts_are_even_in_time_up_to_the_top_and_an_open_end_stays_open()
    {
        var parts = new TimeRangePart(1_000, null, holdsTop: true).Split(4, FailureTimeEstimate.Unknown(top: 1_999, past: 1_999));

        Assert.Equal(["1000..1249", "1250..1499", "1500..1749", "1750..*"], parts.Select(part => part.Label));
    }

    [Fact]
    public void One_millisecond_is_not_cut()
    {
        var hot = new FailureTimeEstimate.Builder(top: 7, past: 7).Add(7, 7, [7, 7, 7, 7], full: true).Build();
        Assert.Single(new TimeRangePart(7, 7, holdsTop: false).Split(8, hot));
        Assert.Single(new TimeRangePart(null, 7, holdsTop: true).Split(8, hot));
    }

    private static FailureTimeEstimate RandomEstimate(Random random, long low, long high)
    {
        var top = random.NextInt64(low, high);
        var builder = new FailureTimeEstimate.Builder(top, past: random.Next(2) == 0 ? top : random.NextInt64(low, top + 1));
        var stretchFrom = low;
        for (var s = random.Next(0, 6); s > 0 && stretchFrom < high; s--)
        {
            var stretchTo = random.NextInt64(stretchFrom, high);
            var times = Enumerable.Range(0, random.Next(0, 120)).Select(_ => random.NextInt64(stretchFrom, stretchTo + 1)).Order().ToArray();
            builder.Add(stretchFrom, stretchTo, times, full: times.Length >= 100);
            stretchFrom = stretchTo + 1;
        }

        return builder.Build();
    }
}
