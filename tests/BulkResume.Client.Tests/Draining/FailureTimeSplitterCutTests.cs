using BulkResume.Internal.Draining;

namespace BulkResume.Client.Tests.Draining;

/// <summary>
/// When a part that answered a full page is cut: it keeps its share of what every part has left (over the workers) and
/// sheds the excess, so that a part ending early is made up for by all the others a little, not by one cut in two.
/// </summary>
public sealed class FailureTimeSplitterCutTests
{
    private const int Page = 50;

    /// <summary>20,000 entries, one a millisecond from 0, all listed.</summary>
    private static readonly FailureTimeEstimate Uniform = new FailureTimeEstimate.Builder(top: 20_000, past: 20_000)
        .Add(0, null, [.. Enumerable.Range(0, 20_000).Select(t => (long)t)], full: false)
        .Build();

    [Fact]
    public void The_whole_selection_with_every_other_worker_idle_is_cut_in_even_shares_one_a_worker()
    {
        var whole = new TimeRangePart(null, null, holdsTop: true) { Taken = 50 };

        var parts = Cut(whole, idle: 7, others: []);

        Assert.Equal(8, parts.Count);
        Assert.All(parts, part => Assert.InRange(part.Left(Uniform), 2_493, 2_495));
        Assert.True(parts[^1].HoldsTop);
    }

    [Fact]
    public void Parts_holding_their_share_are_not_cut()
    {
        var parts = Parts(8, left: 800);

        Assert.Single(Cut(parts[0], idle: 0, others: parts[1..]));
        Assert.Single(Cut(parts[0], idle: 1, others: parts[1..]));
    }

    [Fact]
    public void When_a_part_ends_early_each_other_part_sheds_its_excess_over_its_share_as_one_piece()
    {
        // Seven parts of 800 left, the eighth worker idle: a share is 700, so each sheds the 100 over it.
        var parts = Parts(7, left: 800);

        var cut = Cut(parts[0], idle: 1, others: parts[1..]);

        Assert.Equal(2, cut.Count);
        Assert.Equal(700, cut[0].Left(Uniform), precision: 0);
        Assert.Equal(100, cut[1].Left(Uniform), precision: 0);
        Assert.Equal(parts[0].From, cut[0].From);
        Assert.Equal(parts[0].To, cut[^1].To);
    }

    [Fact]
    public void An_excess_under_a_page_is_not_shed_nor_is_a_piece_made_smaller_than_a_page()
    {
        var parts = Parts(8, left: 800);
        var heavier = new TimeRangePart(parts[0].From, parts[0].To, holdsTop: false) { Taken = 2_500 - 840 };
        Assert.Single(Cut(heavier, idle: 1, others: parts[1..]));

        // The last part, 75 left, seven workers idle: two pieces finish it in one round trip; more would only add requests.
        var last = new TimeRangePart(0, 2_499, holdsTop: false) { Taken = 2_500 - 75 };
        var cut = Cut(last, idle: 7, others: []);
        Assert.Equal(2, cut.Count);
        Assert.Equal(Page, cut[0].Left(Uniform), precision: 0);
    }

    private static List<TimeRangePart> Cut(TimeRangePart part, int idle, IReadOnlyList<TimeRangePart> others) =>
        [.. FailureTimeSplitter.Cut(part, new DrainLoad(Workers: 8, idle, others), Uniform, Page).Cast<TimeRangePart>()];

    /// <summary>Adjacent parts of 2,500 entries each from 0, each with <paramref name="left"/> of them left.</summary>
    private static TimeRangePart[] Parts(int count, int left) =>
        [.. Enumerable.Range(0, count).Select(i => new TimeRangePart(i * 2_500L, (i * 2_500L) + 2_499, holdsTop: false) { Taken = 2_500 - left })];
}
