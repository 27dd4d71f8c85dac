using BulkResume.Client.Tests.Infrastructure;

namespace BulkResume.Client.Tests.Runs;

/// <summary>Run logs: the filter's query in the contract's order, cursor paging, the page size, and the exact-id lookup.</summary>
public sealed class RunLogsTests : WireMockTestBase
{
    private const string LogsPath = "/v2/workflows/logs";
    private static readonly DateTimeOffset From = DateTimeOffset.FromUnixTimeMilliseconds(1752829295505);
    private static readonly DateTimeOffset To = DateTimeOffset.FromUnixTimeMilliseconds(1752915695505);

    private static string RunLogsJson(string? cursor, params string[] runIds)
    {
        var runs = string.Join(",", runIds.Select(id => $$"""{"workflowRunId":"{{id}}","workflowState":"RUN_STARTED","workflowRunCreatedAt":1,"steps":[]}"""));
        var cursorPart = cursor is null ? string.Empty : $"\"cursor\":\"{cursor}\",";
        return $$"""{{{cursorPart}}"runs":[{{runs}}]}""";
    }

    public static TheoryData<string, RunFilter, string> Filters => new()
    {
        { "every run", RunFilter.Create(), "" },
        { "run id", RunFilter.Create().ForWorkflowRunId("wfr_abc"), "workflowRunId=wfr_abc" },
        { "created at", RunFilter.Create().CreatedAt(From), "workflowCreatedAt=1752829295505" },
        { "url", RunFilter.Create().ForWorkflowUrl("https://a.example/w?x=1"), "workflowUrl=https%3A%2F%2Fa.example%2Fw%3Fx%3D1" },
        { "one run", RunFilter.Create().ForRun("wfr_a", From), "workflowRuns=wfr_a%401752829295505" },
        { "two runs", RunFilter.Create().ForRun("wfr_a", From).ForRun("wfr_b", To).ForRun("wfr_a", From), "workflowRuns=wfr_a%401752829295505%2Cwfr_b%401752915695505" },
        { "started", RunFilter.Create().InState(WorkflowRunState.Started), "state=RUN_STARTED" },
        { "succeeded", RunFilter.Create().InState(WorkflowRunState.Succeeded), "state=RUN_SUCCESS" },
        { "failed", RunFilter.Create().InState(WorkflowRunState.Failed), "state=RUN_FAILED" },
        { "canceled", RunFilter.Create().InState(WorkflowRunState.Canceled), "state=RUN_CANCELED" },
        { "after", RunFilter.Create().CreatedAfter(From), "fromDate=1752829295505" },
        { "before", RunFilter.Create().CreatedBefore(To), "toDate=1752915695505" },
        { "between", RunFilter.Create().CreatedBetween(From, To), "fromDate=1752829295505&toDate=1752915695505" },
        { "labels", RunFilter.Create().WithLabel("eu").WithLabel("vip").WithLabel("eu"), "label=eu&label=vip" },
        { "key", RunFilter.Create().WithFlowControlKey("tenant-b"), "flowControlKey=tenant-b" },
        { "ip", RunFilter.Create().FromCallerIp("2001:db8::1"), "callerIp=2001%3Adb8%3A%3A1" },
        { "trim", RunFilter.Create().WithBodiesTrimmedTo(256), "trimBody=256" },
        { "trim zero", RunFilter.Create().WithBodiesTrimmedTo(0), "trimBody=0" },
        { "no bodies", RunFilter.Create().WithBodiesTrimmedTo(256).WithoutBodies(), "trimBody=-1" },
        { "runs and no bodies", RunFilter.Create().ForRun("wfr_a", From).WithoutBodies(), "workflowRuns=wfr_a%401752829295505&trimBody=-1" },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Each_filter_is_sent_as_its_query_parameters(string name, RunFilter filter, string expected)
    {
        Stub("GET", LogsPath, RunLogsJson(null, "wfr_1"));

        var runs = await ToListAsync(Client.Runs.ListAsync(filter));

        Assert.Single(runs);
        var request = Assert.Single(Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal(LogsPath, request.Path);
        Assert.True(expected == QueryOf(request), $"{name}: expected '{expected}', sent '{QueryOf(request)}'");
    }

    [Fact]
    public async Task Every_criterion_goes_in_the_contracts_order_then_count_then_cursor()
    {
        Stub("GET", LogsPath, RunLogsJson("c1", "wfr_1"));
        Stub("GET", LogsPath, RunLogsJson(null, "wfr_2"), cursor: "c1");
        var filter = RunFilter.Create()
            .WithoutBodies().FromCallerIp("203.0.113.7").WithFlowControlKey("k").WithLabel("eu").CreatedBefore(To).CreatedAfter(From)
            .InState(WorkflowRunState.Failed).CreatedAt(From).ForWorkflowUrl("https://a.example/w").ForWorkflowRunId("wfr_1");

        await ToListAsync(Client.Runs.ListAsync(filter, pageSize: 10));

        const string Criteria = "workflowRunId=wfr_1&workflowUrl=https%3A%2F%2Fa.example%2Fw&workflowCreatedAt=1752829295505&state=RUN_FAILED"
            + "&fromDate=1752829295505&toDate=1752915695505&label=eu&flowControlKey=k&callerIp=203.0.113.7&trimBody=-1&count=10";
        Assert.Equal([Criteria, Criteria + "&cursor=c1"], Requests.Select(QueryOf));
    }

    [Fact]
    public async Task Three_pages_are_followed_by_cursor_with_the_filter_and_count()
    {
        Stub("GET", LogsPath, RunLogsJson("c1", "wfr_a1", "wfr_a2"));
        Stub("GET", LogsPath, RunLogsJson("c2", "wfr_a3"), cursor: "c1");
        Stub("GET", LogsPath, RunLogsJson(null, "wfr_a4"), cursor: "c2");

        var pages = await ToListAsync(Client.Runs.ListAsync(RunFilter.Create().WithLabel("a"), pageSize: 2).AsPages());

        Assert.Equal(["wfr_a1", "wfr_a2", "wfr_a3", "wfr_a4"], pages.SelectMany(p => p.Values).Select(r => r.WorkflowRunId));
        Assert.Equal(["c1", "c2", null], pages.Select(p => p.ContinuationToken));
        Assert.Equal(["label=a&count=2", "label=a&count=2&cursor=c1", "label=a&count=2&cursor=c2"], Requests.Select(QueryOf));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    [InlineData(100)]
    public void A_page_size_outside_1_to_10_is_refused_before_any_request(int pageSize)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Client.Runs.ListAsync(RunFilter.Create(), pageSize));

        Assert.Equal("pageSize", error.ParamName);
        Assert.Contains("between 1 and 10", error.Message, StringComparison.Ordinal);
        Assert.Empty(Requests);
    }

    [Fact]
    public void A_page_size_hint_above_10_is_refused_before_any_request()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Client.Runs.ListAsync(RunFilter.Create()).AsPages(pageSizeHint: 11));

        Assert.Equal("pageSizeHint", error.ParamName);
        Assert.Empty(Requests);
    }

    [Fact]
    public async Task Get_asks_for_the_exact_id_with_the_services_page_size_and_returns_the_first_match()
    {
        Stub("GET", LogsPath, RunLogsJson("c1", "wfr_abc1"));
        Stub("GET", LogsPath, RunLogsJson("c2", "wfr_abc", "wfr_abc"), cursor: "c1");

        var run = await Client.Runs.GetAsync("wfr_abc");

        Assert.Equal("wfr_abc", run?.WorkflowRunId);
        Assert.Equal(["workflowRunId=wfr_abc", "workflowRunId=wfr_abc&cursor=c1"], Requests.Select(QueryOf));
    }

    [Fact]
    public async Task Get_with_a_creation_time_picks_that_run_of_an_id_several_runs_share()
    {
        Stub("GET", LogsPath, """
            {"runs":[
              {"workflowRunId":"wfr_same","workflowRunCreatedAt":1752829295000,"workflowState":"RUN_FAILED"},
              {"workflowRunId":"wfr_same","workflowRunCreatedAt":1752829295505,"workflowState":"RUN_SUCCESS"}]}
            """);

        var run = await Client.Runs.GetAsync("wfr_same", From);

        Assert.Equal(WorkflowRunState.Succeeded, run?.State);
        Assert.Equal("workflowRunId=wfr_same&workflowCreatedAt=1752829295505", QueryOf(Assert.Single(Requests)));
    }

    [Fact]
    public async Task Get_answers_null_when_no_run_has_exactly_the_id()
    {
        Stub("GET", LogsPath, RunLogsJson(null, "wfr_abc1"));

        Assert.Null(await Client.Runs.GetAsync("wfr_abc"));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("wfr_\0")]
    public async Task A_blank_or_control_run_id_is_refused_by_name_before_any_request(string id)
    {
        Assert.Equal("workflowRunId", (await Assert.ThrowsAsync<ArgumentException>(() => Client.Runs.GetAsync(id))).ParamName);
        Assert.Equal("workflowRunId", Assert.Throws<ArgumentException>(() => RunFilter.Create().ForWorkflowRunId(id)).ParamName);
        Assert.Empty(Requests);
    }
}
