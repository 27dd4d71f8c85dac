using BulkResume.Client.Tests.Infrastructure;

namespace BulkResume.Client.Tests.Dlq;

/// <summary>The pageable follows the service's cursors lazily, ends on an empty or missing cursor, and continues from a saved token.</summary>
public sealed class BulkResumePagingTests : WireMockTestBase
{
    private void StubFourPages(string lastCursorJson)
    {
        StubResume(RunsJson("c1", "wfr_1", "wfr_2"));
        StubResume(RunsJson("c2", "wfr_3"), cursor: "c1");
        StubResume(RunsJson("c3", "wfr_4", "wfr_5"), cursor: "c2");
        StubResume(lastCursorJson, cursor: "c3");
    }

    [Fact]
    public async Task Await_foreach_follows_cursors_across_pages_and_sends_each_cursor_once()
    {
        StubFourPages("""{"workflowRuns":[{"workflowRunId":"wfr_6","workflowCreatedAt":1752829301000}]}""");

        var runs = await ToListAsync(Client.Dlq.BulkResumeAsync(ResumeFilter.Create().WithLabel("l")));

        Assert.Equal(["wfr_1", "wfr_2", "wfr_3", "wfr_4", "wfr_5", "wfr_6"], runs.Select(r => r.WorkflowRunId));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1752829301000), runs[^1].WorkflowCreatedAt);
        Assert.Equal(
            ["label=l", "label=l&cursor=c1", "label=l&cursor=c2", "label=l&cursor=c3"],
            Requests.Select(QueryOf));
    }

    [Theory]
    [InlineData("""{"cursor":"","workflowRuns":[{"workflowRunId":"wfr_6","workflowCreatedAt":1}]}""")]
    [InlineData("""{"workflowRuns":[{"workflowRunId":"wfr_6","workflowCreatedAt":1}]}""")]
    [InlineData("""{"cursor":null,"workflowRuns":[{"workflowRunId":"wfr_6","workflowCreatedAt":1}]}""")]
    public async Task An_empty_null_or_missing_cursor_ends_the_enumeration(string lastPage)
    {
        StubFourPages(lastPage);

        var pages = await ToListAsync(Client.Dlq.BulkResumeAsync(ResumeFilter.All()).AsPages());

        Assert.Equal(4, pages.Count);
        Assert.Equal(["c1", "c2", "c3", null], pages.Select(p => p.ContinuationToken));
        Assert.Equal(4, Requests.Count);
    }

    [Fact]
    public async Task The_next_page_is_requested_only_when_the_previous_one_is_consumed()
    {
        StubFourPages("""{"workflowRuns":[]}""");
        var pageable = Client.Dlq.BulkResumeAsync(ResumeFilter.All());
        Assert.Empty(Requests);

        await using var runs = pageable.GetAsyncEnumerator();
        Assert.True(await runs.MoveNextAsync());
        Assert.True(await runs.MoveNextAsync());
        Assert.Single(Requests);

        Assert.True(await runs.MoveNextAsync());
        Assert.Equal("wfr_3", runs.Current.WorkflowRunId);
        Assert.Equal(2, Requests.Count);
    }

    [Fact]
    public async Task AsPages_continues_from_a_saved_token_with_a_page_size_hint()
    {
        StubFourPages("""{"workflowRuns":[]}""");

        var pages = await ToListAsync(Client.Dlq.BulkResumeAsync(ResumeFilter.All()).AsPages("c2", pageSizeHint: 10));

        Assert.Equal(["wfr_4", "wfr_5"], pages[0].Values.Select(r => r.WorkflowRunId));
        Assert.Equal(["count=10&cursor=c2", "count=10&cursor=c3"], Requests.Select(QueryOf));
    }

    [Fact]
    public async Task An_empty_page_with_a_cursor_still_continues()
    {
        StubResume("""{"cursor":"c1","workflowRuns":[]}""");
        StubResume(RunsJson(null, "wfr_after_gap"), cursor: "c1");

        var runs = await ToListAsync(Client.Dlq.BulkResumeAsync(ResumeFilter.All()));

        Assert.Equal("wfr_after_gap", Assert.Single(runs).WorkflowRunId);
    }

    [Fact]
    public async Task Cancellation_stops_between_pages()
    {
        StubFourPages("""{"workflowRuns":[]}""");
        using var cancellation = new CancellationTokenSource();
        var seen = new List<string>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var run in Client.Dlq.BulkResumeAsync(ResumeFilter.All(), cancellationToken: cancellation.Token))
            {
                seen.Add(run.WorkflowRunId);
                cancellation.Cancel();
            }
        });

        Assert.Equal(["wfr_1", "wfr_2"], seen);
        Assert.Single(Requests);
    }

    [Fact]
    public async Task Cancellation_aborts_the_request_in_flight()
    {
        Server.Given(WireMock.RequestBuilders.Request.Create().WithPath(ResumePath).UsingPost())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithDelay(TimeSpan.FromSeconds(5)).WithBody(RunsJson(null, "late")));
        using var cancellation = new CancellationTokenSource();
        var enumeration = ToListAsync(Client.Dlq.BulkResumeAsync(ResumeFilter.All()), cancellation.Token);

        cancellation.CancelAfter(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => enumeration);
    }

    [Fact]
    public void A_page_size_hint_outside_1_to_50_is_refused_before_any_request()
    {
        var pageable = Client.Dlq.BulkResumeAsync(ResumeFilter.All());

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => pageable.AsPages(pageSizeHint: 51));

        Assert.Equal("pageSizeHint", error.ParamName);
        Assert.Empty(Requests);
    }

    [Fact]
    public async Task A_foreign_token_for_an_id_list_is_refused()
    {
        var pageable = Client.Dlq.BulkResumeAsync(ResumeFilter.ForDlqIds("a", "b"));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => ToListAsync(pageable.AsPages("1752829295505-3")));

        Assert.Equal("continuationToken", error.ParamName);
        Assert.Empty(Requests);
    }
}
