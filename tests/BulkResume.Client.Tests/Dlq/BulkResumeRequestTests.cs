using BulkResume.Client.Tests.Infrastructure;

namespace BulkResume.Client.Tests.Dlq;

/// <summary>Every filter and override produces exactly the contract's method, path, query and headers.</summary>
public sealed class BulkResumeRequestTests : WireMockTestBase
{
    private static readonly DateTimeOffset From = DateTimeOffset.FromUnixTimeMilliseconds(1752829295505);
    private static readonly DateTimeOffset To = DateTimeOffset.FromUnixTimeMilliseconds(1752915695505);

    public static TheoryData<string, ResumeFilter, string> Filters => new()
    {
        { "all", ResumeFilter.All(), "" },
        { "from", ResumeFilter.Create().FailedAfter(From), "fromDate=1752829295505" },
        { "to", ResumeFilter.Create().FailedBefore(To), "toDate=1752915695505" },
        { "between", ResumeFilter.Create().FailedBetween(From, To), "fromDate=1752829295505&toDate=1752915695505" },
        { "url", ResumeFilter.Create().ForWorkflowUrl("https://app.example.com/api/orders?x=1"), "workflowUrl=https%3A%2F%2Fapp.example.com%2Fapi%2Forders%3Fx%3D1" },
        { "urls OR", ResumeFilter.Create().ForWorkflowUrl("https://a.example/w").ForWorkflowUrl("https://b.example/w"), "workflowUrl=https%3A%2F%2Fa.example%2Fw&workflowUrl=https%3A%2F%2Fb.example%2Fw" },
        { "run id", ResumeFilter.Create().ForWorkflowRunIdPrefix("wfr_abc"), "workflowRunId=wfr_abc" },
        { "created", ResumeFilter.Create().CreatedAt(From), "workflowCreatedAt=1752829295505" },
        { "labels", ResumeFilter.Create().WithLabel("billing").WithLabel("eu west"), "label=billing&label=eu%20west" },
        { "fc keys", ResumeFilter.Create().WithFlowControlKey("tenant-a").WithFlowControlKey("tenant-b"), "flowControlKey=tenant-a&flowControlKey=tenant-b" },
        { "ips", ResumeFilter.Create().FromCallerIp("203.0.113.7").FromCallerIp("2001:db8::1"), "callerIp=203.0.113.7&callerIp=2001%3Adb8%3A%3A1" },
        {
            "callback states",
            ResumeFilter.Create().WithFailureCallbackState(FailureCallbackState.Failed).WithFailureCallbackState(FailureCallbackState.InProgress)
                .WithFailureCallbackState(FailureCallbackState.Succeeded).WithFailureCallbackState(FailureCallbackState.Canceled),
            "failureFunctionState=CALLBACK_FAIL&failureFunctionState=CALLBACK_INPROGRESS&failureFunctionState=CALLBACK_SUCCESS&failureFunctionState=CALLBACK_CANCELED"
        },
        {
            "combined AND",
            ResumeFilter.Create().ForWorkflowUrl("https://a.example/w").FailedAfter(From).WithLabel("l1").ForWorkflowRunIdPrefix("wfr_"),
            "fromDate=1752829295505&workflowUrl=https%3A%2F%2Fa.example%2Fw&workflowRunId=wfr_&label=l1"
        },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Each_filter_is_sent_as_its_query_parameters(string name, ResumeFilter filter, string expectedQuery)
    {
        StubResume(RunsJson(null, "wfr_1"));

        var runs = await ToListAsync(Client.Dlq.BulkResumeAsync(filter));

        Assert.Single(runs);
        var request = Assert.Single(Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal(ResumePath, request.Path);
        Assert.True(expectedQuery == QueryOf(request), $"{name}: expected '{expectedQuery}', sent '{QueryOf(request)}'");
        Assert.Equal($"Bearer {Token}", HeaderOf(request, "Authorization"));
        Assert.True(string.IsNullOrEmpty(request.Body), "bulk resume takes no JSON body");
    }

    [Fact]
    public async Task Overrides_are_sent_as_the_contract_headers()
    {
        StubResume(RunsJson(null, "wfr_1"));
        var options = new ResumeOptions
        {
            FlowControl = new FlowControl("tenant-a", parallelism: 2, rate: 10, period: TimeSpan.FromMinutes(1)),
            Retries = 3,
            PageSize = 25,
        };

        await ToListAsync(Client.Dlq.BulkResumeAsync(ResumeFilter.All(), options));

        var request = Assert.Single(Requests);
        Assert.Equal("tenant-a", HeaderOf(request, "Upstash-Flow-Control-Key"));
        Assert.Equal("parallelism=2, rate=10, period=60s", HeaderOf(request, "Upstash-Flow-Control-Value"));
        Assert.Equal("3", HeaderOf(request, "Upstash-Retries"));
        Assert.Equal("count=25", QueryOf(request));
    }

    [Fact]
    public async Task A_subset_of_flow_control_values_is_joined_without_the_missing_ones()
    {
        StubResume(RunsJson(null, "wfr_1"));

        await ToListAsync(Client.Dlq.BulkResumeAsync(ResumeFilter.All(), new ResumeOptions { FlowControl = new FlowControl("k", rate: 5) }));

        var request = Assert.Single(Requests);
        Assert.Equal("k", HeaderOf(request, "Upstash-Flow-Control-Key"));
        Assert.Equal("rate=5", HeaderOf(request, "Upstash-Flow-Control-Value"));
        Assert.Null(HeaderOf(request, "Upstash-Retries"));
    }

    [Fact]
    public async Task Without_overrides_no_override_header_is_sent()
    {
        StubResume(RunsJson(null, "wfr_1"));

        await ToListAsync(Client.Dlq.BulkResumeAsync(ResumeFilter.Create().WithFlowControlKey("only-a-filter").WithLabel("only-a-filter")));

        var request = Assert.Single(Requests);
        Assert.DoesNotContain(request.Headers!.Keys, name => name.StartsWith("Upstash-", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Explicit_ids_beyond_fifty_are_sent_in_order_in_chunks_of_50_50_20()
    {
        StubResume(RunsJson(null, "wfr_x"));
        var ids = Enumerable.Range(0, 120).Select(i => $"1752829295505-{i}").ToArray();

        var runs = await ToListAsync(Client.Dlq.BulkResumeAsync(ResumeFilter.ForDlqIds(ids)));

        Assert.Equal(3, runs.Count);
        var requests = Requests;
        Assert.Equal(3, requests.Count);
        var sent = requests.Select(r => QueryOf(r).Split('&').Select(p => p["dlqIds=".Length..]).ToArray()).ToArray();
        Assert.Equal([50, 50, 20], sent.Select(s => s.Length));
        Assert.Equal(ids, sent.SelectMany(s => s));
        Assert.All(requests, r => Assert.All(QueryOf(r).Split('&'), p => Assert.StartsWith("dlqIds=", p, StringComparison.Ordinal)));

        // No page documents /resume/multi: resume by ids stays on /resume, ids in the query, no body.
        Assert.All(requests, r => Assert.Equal((ResumePath, true), (r.Path, string.IsNullOrEmpty(r.Body))));
    }

    [Fact]
    public async Task Explicit_ids_follow_the_page_size_and_the_chunk_token_continues_where_it_stopped()
    {
        StubResume(RunsJson(null, "wfr_x"));
        var ids = Enumerable.Range(0, 7).Select(i => $"id-{i}").ToArray();
        var pageable = Client.Dlq.BulkResumeAsync(ResumeFilter.ForDlqIds(ids), new ResumeOptions { PageSize = 3 });

        await using var pages = pageable.AsPages().GetAsyncEnumerator();
        Assert.True(await pages.MoveNextAsync());
        var token = pages.Current.ContinuationToken;
        Assert.NotNull(token);

        var rest = await ToListAsync(pageable.AsPages(token));

        Assert.Equal(2, rest.Count);
        Assert.Null(rest[^1].ContinuationToken);
        Assert.Equal(
            ["dlqIds=id-0&dlqIds=id-1&dlqIds=id-2", "dlqIds=id-3&dlqIds=id-4&dlqIds=id-5", "dlqIds=id-6"],
            Requests.Select(QueryOf));
    }

    [Fact]
    public async Task Duplicate_ids_are_sent_once()
    {
        StubResume(RunsJson(null, "wfr_x"));

        await ToListAsync(Client.Dlq.BulkResumeAsync(ResumeFilter.ForDlqIds("a", "b", "a")));

        Assert.Equal("dlqIds=a&dlqIds=b", QueryOf(Assert.Single(Requests)));
    }

    [Fact]
    public async Task A_base_url_with_a_path_keeps_its_path()
    {
        StubResume(RunsJson(null, "wfr_1"));
        Server.Given(WireMock.RequestBuilders.Request.Create().WithPath("/proxy" + ResumePath).UsingPost())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(200).WithBody(RunsJson(null, "wfr_p")));
        var client = new WorkflowClient(new WorkflowClientOptions { BaseUrl = new Uri(Server.Url + "/proxy/"), Token = Token });

        var runs = await ToListAsync(client.Dlq.BulkResumeAsync(ResumeFilter.All()));

        Assert.Equal("wfr_p", Assert.Single(runs).WorkflowRunId);
        Assert.Equal("/proxy" + ResumePath, Assert.Single(Requests).Path);
    }
}
