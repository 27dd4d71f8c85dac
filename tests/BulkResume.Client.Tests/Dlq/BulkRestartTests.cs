using BulkResume.Client.Tests.Infrastructure;

namespace BulkResume.Client.Tests.Dlq;

/// <summary>Bulk restart: the restart path, the same selection, overrides and paging as bulk resume, the same guard.</summary>
public sealed class BulkRestartTests : WireMockTestBase
{
    private const string RestartPath = "/v2/workflows/dlq/restart";

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
    public async Task Explicit_ids_are_sent_in_chunks_of_50()
    {
        Stub("POST", RestartPath, RunsJson(null, "wfr_x"));
        var ids = Enumerable.Range(0, 51).Select(i => $"id-{i}").ToArray();

        await ToListAsync(Client.Dlq.BulkRestartAsync(ResumeFilter.ForDlqIds(ids)));

        Assert.Equal([50, 1], Requests.Select(r => QueryOf(r).Split('&').Length));
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
