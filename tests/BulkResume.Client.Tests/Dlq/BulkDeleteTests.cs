using BulkResume.Client.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace BulkResume.Client.Tests.Dlq;

/// <summary>Bulk delete: DELETE with the selection in the query, cursors followed to a total, ids in chunks of 50 to <c>/multi</c>, the empty-filter guard.</summary>
public sealed class BulkDeleteTests : WireMockTestBase
{
    private const string DlqPath = "/v2/workflows/dlq";
    private const string DeleteByIdsPath = "/v2/workflows/dlq/multi";

    [Fact]
    public async Task Three_pages_are_followed_by_cursor_and_their_counts_summed()
    {
        Stub("DELETE", DlqPath, """{"deleted":50,"cursor":"c1"}""");
        Stub("DELETE", DlqPath, """{"deleted":50,"cursor":"c2"}""", cursor: "c1");
        Stub("DELETE", DlqPath, """{"deleted":12,"cursor":""}""", cursor: "c2");

        var deleted = await Client.Dlq.BulkDeleteAsync(ResumeFilter.Create().WithLabel("old"));

        Assert.Equal(112, deleted);
        var requests = Requests;
        Assert.All(requests, r => Assert.Equal("DELETE", r.Method));
        Assert.All(requests, r => Assert.Equal(DlqPath, r.Path));
        Assert.All(requests, r => Assert.True(string.IsNullOrEmpty(r.Body)));
        Assert.Equal(["label=old", "label=old&cursor=c1", "label=old&cursor=c2"], requests.Select(QueryOf));
    }

    [Fact]
    public async Task All_deletes_everything_with_a_bare_DELETE()
    {
        Stub("DELETE", DlqPath, """{"deleted":3}""");

        Assert.Equal(3, await Client.Dlq.BulkDeleteAsync(ResumeFilter.All()));
        Assert.Equal(string.Empty, QueryOf(Assert.Single(Requests)));
    }

    [Fact]
    public async Task Explicit_ids_go_in_a_json_body_to_the_multi_endpoint_in_order_in_chunks_of_50_and_the_service_cursor_is_not_followed()
    {
        Stub("DELETE", DeleteByIdsPath, """{"deleted":1,"cursor":"ignored"}""");
        var ids = Enumerable.Range(0, 101).Select(i => $"id-{i}").ToArray();

        var deleted = await Client.Dlq.BulkDeleteAsync(ResumeFilter.ForDlqIds(ids));

        Assert.Equal(3, deleted);
        var requests = Requests;
        Assert.All(requests, r => Assert.Equal(("DELETE", DeleteByIdsPath, string.Empty), (r.Method, r.Path, QueryOf(r))));
        Assert.All(requests, r => Assert.Equal("application/json; charset=utf-8", HeaderOf(r, "Content-Type")));
        Assert.Equal("""{"dlqIds":["id-100"]}""", requests[2].Body);
        var sent = requests.Select(r => IdsOf(r)).ToArray();
        Assert.Equal([50, 50, 1], sent.Select(s => s.Length));
        Assert.Equal(ids, sent.SelectMany(s => s));
    }

    [Fact]
    public async Task A_404_for_explicit_ids_names_them_and_stops_before_the_next_request()
    {
        Stub("DELETE", DeleteByIdsPath, """{"error":"Some DLQ messages were not found: id-7, id-9"}""", status: 404);
        var ids = Enumerable.Range(0, 60).Select(i => $"id-{i}").ToArray();

        var error = await Assert.ThrowsAsync<DlqEntriesNotFoundException>(() => Client.Dlq.BulkDeleteAsync(ResumeFilter.ForDlqIds(ids)));

        Assert.Equal(["id-7", "id-9"], error.DlqIds);
        Assert.Equal(DeleteByIdsPath, error.RequestPath);
        Assert.Equal(ids[..50], IdsOf(Assert.Single(Requests)));
    }

    [Fact]
    public async Task A_concurrent_delete_by_ids_sends_each_id_once_to_the_multi_endpoint()
    {
        Stub("DELETE", DeleteByIdsPath, """{"deleted":1}""");
        var ids = Enumerable.Range(0, 120).Select(i => $"id-{i}").ToArray();

        await Client.Dlq.BulkDeleteAsync(ResumeFilter.ForDlqIds(ids), new BulkDeleteOptions { MaxConcurrency = 3 });

        var requests = Requests;
        Assert.All(requests, r => Assert.Equal(("DELETE", DeleteByIdsPath, string.Empty), (r.Method, r.Path, QueryOf(r))));
        Assert.All(requests, r => Assert.InRange(IdsOf(r).Length, 1, 50));
        Assert.Equal(ids.Order(StringComparer.Ordinal), requests.SelectMany(r => IdsOf(r)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Skipping_missing_ids_sends_the_rest_of_the_request_again_in_its_body()
    {
        Server.Given(Request.Create().WithPath(DeleteByIdsPath).UsingDelete().WithBody("""{"dlqIds":["a","b","c"]}"""))
            .RespondWith(Response.Create().WithStatusCode(404).WithHeader("Content-Type", "application/json").WithBody("""{"error":"Some DLQ messages were not found: b"}"""));
        Server.Given(Request.Create().WithPath(DeleteByIdsPath).UsingDelete().WithBody("""{"dlqIds":["a","c"]}"""))
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("""{"deleted":2}"""));

        var deleted = await Client.Dlq.BulkDeleteAsync(ResumeFilter.ForDlqIds("a", "b", "c"), new BulkDeleteOptions { SkipMissingDlqIds = true });

        Assert.Equal(2, deleted);
        Assert.Equal([["a", "b", "c"], ["a", "c"]], Requests.Select(r => IdsOf(r)));
    }

    [Fact]
    public async Task An_empty_filter_is_refused_before_any_request_and_points_to_All()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Client.Dlq.BulkDeleteAsync(ResumeFilter.Create()));

        Assert.Equal("filter", error.ParamName);
        Assert.Contains("ResumeFilter.All()", error.Message, StringComparison.Ordinal);
        Assert.Empty(Requests);
    }
}
