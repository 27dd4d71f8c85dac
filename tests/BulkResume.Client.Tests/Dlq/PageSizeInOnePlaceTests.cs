using BulkResume.Client.Tests.Infrastructure;

namespace BulkResume.Client.Tests.Dlq;

/// <summary>
/// The page size of a bulk call comes from ResumeOptions.PageSize or from AsPages(pageSizeHint), and two different
/// values are refused: neither silently wins.
/// </summary>
public sealed class PageSizeInOnePlaceTests : WireMockTestBase
{
    [Fact]
    public async Task A_hint_that_differs_from_ResumeOptions_PageSize_is_refused_before_anything_is_sent()
    {
        StubResume(RunsJson(null, "wfr_1"));
        var pages = Client.Dlq.BulkResumeAsync(ResumeFilter.All(), new ResumeOptions { PageSize = 4 }).AsPages(pageSizeHint: 3);

        var error = await AssertRefusedBeforeSendingAsync<ArgumentException>(() => ToListAsync(pages), "pageSizeHint", "Set the page size in one place");

        Assert.Contains("AsPages(pageSizeHint: 3) conflicts with ResumeOptions.PageSize = 4", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4, 4)]
    [InlineData(null, 4)]
    public async Task The_same_size_twice_or_the_hint_alone_is_sent(int? optionsPageSize, int hint)
    {
        StubResume(RunsJson(null, "wfr_1"));

        await ToListAsync(Client.Dlq.BulkResumeAsync(ResumeFilter.All(), new ResumeOptions { PageSize = optionsPageSize }).AsPages(pageSizeHint: hint));

        Assert.Equal("count=4", QueryOf(Assert.Single(Requests)));
    }

    [Fact]
    public async Task ResumeOptions_PageSize_alone_is_sent()
    {
        StubResume(RunsJson(null, "wfr_1"));

        await ToListAsync(Client.Dlq.BulkResumeAsync(ResumeFilter.All(), new ResumeOptions { PageSize = 4 }).AsPages());

        Assert.Equal("count=4", QueryOf(Assert.Single(Requests)));
    }
}
