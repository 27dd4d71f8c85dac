using BulkResume.Client.Tests.Infrastructure;

namespace BulkResume.Client.Tests.Dlq;

/// <summary>Bulk restart: the restart path (ids to <c>/restart/multi</c>), the same selection, overrides and paging as bulk resume, the same guard.</summary>
public sealed class BulkRestartTests : WireMockTestBase
{
    private const string RestartPath = "/v2/workflows/dlq/restart";
    private const string RestartByIdsPath = "/v2/workflows/dlq/restart/multi";

    [Fact]
    public async Task Three_pages_are_followed_by_cursor_with_the_override_headers_on_each()
    {
        Stub("POST", RestartPath, RunsJson("c1", "wfr_1", "wfr_2"));
        Stub("POST", RestartPath, RunsJson("c2", "wfr_3"), cursor: "c1");
        Stub("POST", RestartPath, RunsJson(null, "wfr_4"), cursor: "c2");
        var options = new ResumeOptions { FlowControl = new FlowControl("k", rate: 5), Retries = 2, PageSize = 2 };

        var runs = await ToListAsync(Client.Dlq.BulkRestartAsync(ResumeFilter.Create().ForWorkflowRunIdPrefix("wfr_"), options));

        Assert.Equal(["wfr_1", "wfr_2", "wfr_3", "wfr_4"], runs.Select(r => r.WorkflowRunId));
        var requests = Requests;
        Assert.All(requests, r => Assert.Equal("POST", r.Method));
        Assert.All(requests, r => Assert.Equal(RestartPath, r.Path));
        Assert.All(requests, r => Assert.True(string.IsNullOrEmpty(r.Body)));
        Assert.All(requests, r => Assert.Equal("rate=5", HeaderOf(r, "Upstash-Flow-Control-Value")));
        Assert.All(requests, r => Assert.Equal("2", HeaderOf(r, "Upstash-Retries")));
        Assert.Equal(["workflowRunId=wfr_&count=2", "workflowRunId=wfr_&count=2&cursor=c1", "workflowRunId=wfr_&count=2&cursor=c2"], requests.Select(QueryOf));
    }

    [Fact]
    public async Task Explicit_ids_go_in_a_json_body_to_the_multi_endpoint_in_order_in_chunks_of_50_with_the_overrides_on_each()
    {
        Stub("POST", RestartByIdsPath, RunsJson(null, "wfr_x", "wfr_y"));
        var ids = Enumerable.Range(0, 51).Select(i => $"id-{i}").ToArray();

        var runs = await ToListAsync(Client.Dlq.BulkRestartAsync(ResumeFilter.ForDlqIds(ids), new ResumeOptions { Retries = 4, Labels = ["again"] }));

        Assert.Equal(["wfr_x", "wfr_y", "wfr_x", "wfr_y"], runs.Select(r => r.WorkflowRunId));
        var requests = Requests;
        Assert.All(requests, r => Assert.Equal(("POST", RestartByIdsPath, string.Empty), (r.Method, r.Path, QueryOf(r))));
        Assert.All(requests, r => Assert.Equal(("4", "again"), (HeaderOf(r, "Upstash-Retries"), HeaderOf(r, "Upstash-Label"))));
        Assert.All(requests, r => Assert.Equal("application/json; charset=utf-8", HeaderOf(r, "Content-Type")));
        Assert.Equal("""{"dlqIds":["id-50"]}""", requests[1].Body);
        Assert.Equal([ids[..50], ids[50..]], requests.Select(r => IdsOf(r)));
    }

    [Fact]
    public async Task A_404_for_explicit_ids_names_the_missing_ones()
    {
        Stub("POST", RestartByIdsPath, """{"error":"Some DLQ messages were not found: b"}""", status: 404);

        var error = await Assert.ThrowsAsync<DlqEntriesNotFoundException>(() => ToListAsync(Client.Dlq.BulkRestartAsync(ResumeFilter.ForDlqIds("a", "b", "c"))));

        Assert.Equal(["b"], error.DlqIds);
        Assert.Equal(("POST", RestartByIdsPath), (error.RequestMethod, error.RequestPath));
    }

    [Fact]
    public void An_empty_filter_is_refused_before_any_request_and_points_to_All()
    {
        var error = Assert.Throws<ArgumentException>(() => Client.Dlq.BulkRestartAsync(ResumeFilter.Create()));

        Assert.Equal("filter", error.ParamName);
        Assert.Contains("ResumeFilter.All()", error.Message, StringComparison.Ordinal);
        Assert.Empty(Requests);
    }

    [Fact]
    public void An_out_of_range_page_size_is_refused_before_any_request()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Client.Dlq.BulkRestartAsync(ResumeFilter.All(), new ResumeOptions { PageSize = 51 }));

        Assert.Equal("options", error.ParamName);
        Assert.Empty(Requests);
    }
}
