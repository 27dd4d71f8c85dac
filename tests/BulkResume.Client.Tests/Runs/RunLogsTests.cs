using BulkResume.Client.Tests.Infrastructure;

namespace BulkResume.Client.Tests.Runs;

/// <summary>Run logs: the query, cursor paging, the mapping of runs and steps, and the exact-match lookup.</summary>
public sealed class RunLogsTests : WireMockTestBase
{
    private const string LogsPath = "/v2/workflows/logs";

    private static string RunLogsJson(string? cursor, params string[] runIds)
    {
        var runs = string.Join(",", runIds.Select(id => $$"""{"workflowRunId":"{{id}}","workflowState":"RUN_STARTED","workflowRunCreatedAt":1,"steps":[]}"""));
        var cursorPart = cursor is null ? string.Empty : $"\"cursor\":\"{cursor}\",";
        return $$"""{{{cursorPart}}"runs":[{{runs}}]}""";
    }

    [Theory]
    [InlineData("RUN_STARTED", WorkflowRunState.Started)]
    [InlineData("RUN_FAILED", WorkflowRunState.Failed)]
    [InlineData("RUN_CANCELED", WorkflowRunState.Canceled)]
    public async Task Run_states_are_read_by_wire_name(string wire, WorkflowRunState expected)
    {
        Stub("GET", LogsPath, $$"""{"runs":[{"workflowRunId":"wfr_1","workflowState":"{{wire}}","dlqId":"d1"}]}""");

        var run = Assert.Single(await ToListAsync(Client.Runs.ListAsync("wfr_1")));

        Assert.Equal(expected, run.State);
        Assert.Equal("d1", run.DlqId);
        Assert.Null(run.CompletedAt);
    }

    [Fact]
    public async Task Three_pages_are_followed_by_cursor_with_the_run_id_and_count()
    {
        Stub("GET", LogsPath, RunLogsJson("c1", "wfr_a1", "wfr_a2"));
        Stub("GET", LogsPath, RunLogsJson("c2", "wfr_a3"), cursor: "c1");
        Stub("GET", LogsPath, RunLogsJson(null, "wfr_a4"), cursor: "c2");

        var pages = await ToListAsync(Client.Runs.ListAsync("wfr_a", pageSize: 2).AsPages());

        Assert.Equal(["wfr_a1", "wfr_a2", "wfr_a3", "wfr_a4"], pages.SelectMany(p => p.Values).Select(r => r.WorkflowRunId));
        Assert.Equal(["c1", "c2", null], pages.Select(p => p.ContinuationToken));
        var requests = Requests;
        Assert.All(requests, r => Assert.Equal("GET", r.Method));
        Assert.All(requests, r => Assert.Equal(LogsPath, r.Path));
        Assert.Equal(["workflowRunId=wfr_a&count=2", "workflowRunId=wfr_a&count=2&cursor=c1", "workflowRunId=wfr_a&count=2&cursor=c2"], requests.Select(QueryOf));
    }

    [Fact]
    public async Task Get_follows_pages_until_the_exact_id_and_stops_there()
    {
        Stub("GET", LogsPath, RunLogsJson("c1", "wfr_abc1", "wfr_abc2"));
        Stub("GET", LogsPath, RunLogsJson("c2", "wfr_abc"), cursor: "c1");
        Stub("GET", LogsPath, RunLogsJson(null, "wfr_abc3"), cursor: "c2");

        var run = await Client.Runs.GetAsync("wfr_abc");

        Assert.Equal("wfr_abc", run?.WorkflowRunId);
        Assert.Equal(["workflowRunId=wfr_abc&count=100", "workflowRunId=wfr_abc&count=100&cursor=c1"], Requests.Select(QueryOf));
    }

    [Fact]
    public async Task Get_answers_null_when_only_longer_ids_match_the_prefix()
    {
        Stub("GET", LogsPath, RunLogsJson(null, "wfr_abc1"));

        Assert.Null(await Client.Runs.GetAsync("wfr_abc"));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public async Task A_blank_run_id_is_refused_by_name_before_any_request(string blank)
    {
        Assert.Equal("workflowRunIdOrPrefix", Assert.Throws<ArgumentException>(() => Client.Runs.ListAsync(blank)).ParamName);
        Assert.Equal("workflowRunId", (await Assert.ThrowsAsync<ArgumentException>(() => Client.Runs.GetAsync(blank))).ParamName);
        Assert.Empty(Requests);
    }

    [Fact]
    public void A_page_size_outside_1_to_100_is_refused_before_any_request()
    {
        Assert.Equal("pageSize", Assert.Throws<ArgumentOutOfRangeException>(() => Client.Runs.ListAsync("wfr_1", 101)).ParamName);
        Assert.Empty(Requests);
    }
}
