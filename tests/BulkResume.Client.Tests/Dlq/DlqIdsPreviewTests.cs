using BulkResume.Client.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace BulkResume.Client.Tests.Dlq;

/// <summary>
/// Previewing explicit ids: the list endpoint documents no <c>dlqIds</c> (the service may ignore it and list the whole
/// DLQ), so <c>ListAsync(ResumeFilter.ForDlqIds(...))</c> reads each id with <c>GET /v2/workflows/dlq/{dlqId}</c>, a
/// few at a time, in the order given, leaving out ids that are not in the DLQ.
/// </summary>
public sealed class DlqIdsPreviewTests : WireMockTestBase
{
    private const string DlqPath = "/v2/workflows/dlq";

    private void StubEntry(string dlqId, TimeSpan? delay = null, int status = 200)
    {
        var response = Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json")
            .WithBody(status == 200 ? $$"""{"dlqId":"{{dlqId}}","workflowRunId":"wfr_{{dlqId}}","createdAt":1752829295505}""" : """{"error":"DLQ message not found"}""");
        if (delay is { } wait)
        {
            response = response.WithDelay(wait);
        }

        Server.Given(Request.Create().WithPath($"{DlqPath}/{dlqId}").UsingGet()).RespondWith(response);
    }

    private void AssertNoListRequestNorDlqIds()
    {
        Assert.DoesNotContain(Requests, r => r.Path == DlqPath);
        Assert.DoesNotContain(Requests, r => QueryOf(r).Contains("dlqIds", StringComparison.Ordinal));
        Assert.All(Requests, r => Assert.Equal("GET", r.Method));
    }

    [Fact]
    public async Task Each_id_is_read_by_itself_and_no_request_sends_dlqIds()
    {
        StubEntry("a");
        StubEntry("b");

        var messages = await ToListAsync(Client.Dlq.ListAsync(ResumeFilter.ForDlqIds("a", "b")));

        Assert.Equal(["a", "b"], messages.Select(m => m.DlqId));
        Assert.Equal("wfr_a", messages[0].WorkflowRunId);
        Assert.Equal(["/v2/workflows/dlq/a", "/v2/workflows/dlq/b"], Requests.Select(r => r.Path).Order(StringComparer.Ordinal));
        Assert.All(Requests, r => Assert.Equal(string.Empty, QueryOf(r)));
        AssertNoListRequestNorDlqIds();
    }

    [Fact]
    public async Task Ids_not_in_the_dlq_are_left_out_and_the_rest_keep_the_order_given()
    {
        StubEntry("c", delay: TimeSpan.FromMilliseconds(300));
        StubEntry("gone", status: 404);
        StubEntry("a");
        StubEntry("b", delay: TimeSpan.FromMilliseconds(150));

        var messages = await ToListAsync(Client.Dlq.ListAsync(ResumeFilter.ForDlqIds("c", "gone", "a", "b")));

        Assert.Equal(["c", "a", "b"], messages.Select(m => m.DlqId));
        Assert.Equal(4, Requests.Count);
        AssertNoListRequestNorDlqIds();
    }

    [Fact]
    public async Task At_most_four_reads_are_in_flight_at_once()
    {
        var ids = Enumerable.Range(0, 12).Select(i => $"id-{i}").ToArray();
        foreach (var id in ids)
        {
            StubEntry(id, delay: TimeSpan.FromMilliseconds(250));
        }

        var wire = new InFlightCounter();
        var client = new WorkflowClient(new HttpClient(wire), new WorkflowClientOptions { BaseUrl = new Uri(Server.Url!), Token = Token, Retry = { Enabled = false } });

        var messages = await ToListAsync(client.Dlq.ListAsync(ResumeFilter.ForDlqIds(ids)));

        Assert.Equal(ids, messages.Select(m => m.DlqId));
        Assert.Equal(4, wire.MaxInFlight);
        Assert.Equal(12, Requests.Count);
    }

    [Fact]
    public async Task Pages_hold_page_size_ids_and_the_token_continues_where_it_stopped()
    {
        var ids = Enumerable.Range(0, 5).Select(i => $"id-{i}").ToArray();
        foreach (var id in ids)
        {
            StubEntry(id);
        }

        var pageable = Client.Dlq.ListAsync(ResumeFilter.ForDlqIds(ids), pageSize: 2);
        await using var pages = pageable.AsPages().GetAsyncEnumerator();
        Assert.True(await pages.MoveNextAsync());
        Assert.Equal(["id-0", "id-1"], pages.Current.Values.Select(m => m.DlqId));
        Assert.Equal(2, Requests.Count);
        var token = pages.Current.ContinuationToken;
        Assert.Equal("ids:2", token);

        var rest = await ToListAsync(pageable.AsPages(token));

        Assert.Equal([["id-2", "id-3"], ["id-4"]], rest.Select(p => p.Values.Select(m => m.DlqId).ToArray()));
        Assert.Equal(["ids:4", null], rest.Select(p => p.ContinuationToken));
        Assert.Equal(5, Requests.Count);
        AssertNoListRequestNorDlqIds();
    }

    [Fact]
    public async Task A_page_whose_ids_are_all_gone_is_empty_and_the_next_page_still_comes()
    {
        StubEntry("gone-1", status: 404);
        StubEntry("here");

        var pages = await ToListAsync(Client.Dlq.ListAsync(ResumeFilter.ForDlqIds("gone-1", "here"), pageSize: 1).AsPages());

        Assert.Equal([0, 1], pages.Select(p => p.Values.Count));
    }

    [Fact]
    public async Task A_foreign_token_is_refused_before_any_request()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => ToListAsync(Client.Dlq.ListAsync(ResumeFilter.ForDlqIds("a")).AsPages("1752829295505-3")));

        Assert.Equal("continuationToken", error.ParamName);
        Assert.Empty(Requests);
    }

    [Fact]
    public async Task Another_error_on_one_id_fails_the_page()
    {
        StubEntry("a");
        StubEntry("b", status: 500);

        var error = await Assert.ThrowsAsync<WorkflowApiException>(() => ToListAsync(Client.Dlq.ListAsync(ResumeFilter.ForDlqIds("a", "b"))));

        Assert.Equal(500, error.Status);
    }
}
