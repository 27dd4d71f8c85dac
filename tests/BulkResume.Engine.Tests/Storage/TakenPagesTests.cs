using BulkResume.Engine.Storage;

namespace BulkResume.Engine.Tests.Storage;

public sealed class TakenPagesTests
{
    private static readonly DlqKey[] Keys = Enumerable.Range(0, 4).Select(i => new DlqKey(DateTimeOffset.UnixEpoch.AddSeconds(i), $"dlq-{i}")).ToArray();

    [Fact]
    public void The_look_ahead_reads_one_more_than_the_page_from_the_same_position()
    {
        var query = new DlqQuery(DlqSelection.All, Keys[0], 3);

        DlqQuery lookAhead = TakenPages.LookAhead(query);

        Assert.Equal((query.Selection, query.After, 4), (lookAhead.Selection, lookAhead.After, lookAhead.Limit));
    }

    [Fact]
    public void A_page_as_large_as_an_int_reads_without_a_look_ahead_instead_of_overflowing()
    {
        var query = new DlqQuery(DlqSelection.All, null, int.MaxValue);

        Assert.Same(query, TakenPages.LookAhead(query));
    }

    [Fact]
    public void A_read_longer_than_the_page_gives_the_page_and_the_key_of_its_last_entry()
    {
        (IReadOnlyList<DlqKey> page, DlqKey? next) = TakenPages.Split(Keys, new DlqQuery(DlqSelection.All, null, 3), key => key);

        Assert.Equal(Keys[..3], page);
        Assert.Equal(Keys[2], next);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void A_read_no_longer_than_the_page_is_the_last_page(int limit)
    {
        (IReadOnlyList<DlqKey> page, DlqKey? next) = TakenPages.Split(Keys[..3], new DlqQuery(DlqSelection.All, null, limit), key => key);

        Assert.Equal(Keys[..3], page);
        Assert.Null(next);
    }
}
