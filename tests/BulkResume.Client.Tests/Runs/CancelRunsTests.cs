using BulkResume.Client.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace BulkResume.Client.Tests.Runs;

/// <summary>
/// Canceling runs: one by its escaped id in the path, many by ids in ordered chunks of 50, many by a filter in one
/// request with an exact URL match unless a prefix is asked for by name, or started as a bulk action by the same request
/// with <c>async=true</c>; every refusal before anything is sent.
/// </summary>
public sealed class CancelRunsTests : WireMockTestBase
{
    private const string RunsPath = "/v2/workflows/runs";
    private const string Checkout = "https://shop.example.com/api/workflows/checkout";

    [Fact]
    public async Task One_run_is_a_DELETE_of_its_escaped_id_without_query_or_body()
    {
        Server.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(200));

        Assert.True(await Client.Runs.CancelAsync("wfr/a b?c#d"));

        var request = Assert.Single(Requests);
        Assert.Equal("DELETE", request.Method);
        Assert.Equal(RunsPath + "/wfr%2Fa%20b%3Fc%23d", new Uri(request.AbsoluteUrl).AbsolutePath);
        Assert.Equal(string.Empty, QueryOf(request));
        Assert.True(string.IsNullOrEmpty(request.Body));
        Assert.Equal($"Bearer {Token}", HeaderOf(request, "Authorization"));
    }

    [Fact]
    public async Task One_run_the_service_does_not_know_or_no_longer_runs_is_false()
    {
        Stub("DELETE", RunsPath + "/wfr_gone", """{"error":"workflow run not found"}""", status: 404);

        Assert.False(await Client.Runs.CancelAsync("wfr_gone"));
    }

    [Fact]
    public async Task One_run_that_has_ended_is_the_service_refusal_naming_its_state()
    {
        const string Ended = "Workflow run wfr_a is RUN_SUCCESS; only a run in progress (RUN_STARTED) can be canceled. Nothing was changed.";
        Stub("DELETE", RunsPath + "/wfr_a", $$"""{"error":"{{Ended}}"}""", status: 400);

        var error = await Assert.ThrowsAsync<WorkflowApiException>(() => Client.Runs.CancelAsync("wfr_a"));

        Assert.IsNotType<OutcomeUnknownException>(error);
        Assert.Equal((400, Ended), (error.Status, error.ErrorMessage));
    }

    [Theory]
    [InlineData("", "is blank")]
    [InlineData("   ", "is blank")]
    [InlineData("wfr_\n", "control character")]
    public async Task One_run_with_a_blank_or_control_id_is_refused_before_anything_is_sent(string id, string fix)
    {
        await AssertRefusedBeforeSendingAsync<ArgumentException>(() => Client.Runs.CancelAsync(id), "workflowRunId", fix);
    }

    [Fact]
    public async Task Ids_go_as_repeated_workflowRunIds_in_ordered_chunks_of_50_and_the_counts_are_summed()
    {
        Stub("DELETE", RunsPath, """{"cancelled":7}""");
        var ids = Enumerable.Range(0, 101).Select(i => $"wfr_{i:D3}").ToArray();

        var result = await Client.Runs.CancelAsync(ids);

        Assert.Equal((21L, false), (result.CanceledCount, result.MayHaveCanceledMore));
        var requests = Requests;
        Assert.All(requests, r => Assert.Equal(("DELETE", RunsPath), (r.Method, r.Path)));
        Assert.All(requests, r => Assert.True(string.IsNullOrEmpty(r.Body)));
        Assert.Equal("workflowRunIds=wfr_100", QueryOf(requests[2]));
        Assert.Equal([ids[..50], ids[50..100], ids[100..]], requests.Select(r => IdsOf(r, "workflowRunIds")));
    }

    [Fact]
    public async Task An_id_is_sent_percent_escaped_in_the_query()
    {
        Stub("DELETE", RunsPath, """{"cancelled":1}""");

        await Client.Runs.CancelAsync(["wfr a&b=c"]);

        Assert.Equal("workflowRunIds=wfr%20a%26b%3Dc", QueryOf(Assert.Single(Requests)));
    }

    public static TheoryData<string, string[], string> RefusedIdLists => new()
    {
        { "empty", [], "Pass at least one id" },
        { "blank", ["wfr_a", " "], "The run id at index 1 is blank" },
        { "comma", ["wfr_a,wfr_b"], "The run id at index 0 has a comma at index 5" },
        { "control", ["wfr_a", "wfr_b\0"], "The run id at index 1 has a control character" },
        { "duplicate", ["wfr_a", "wfr_b", "wfr_a"], "The run id at index 2 (wfr_a) is the one at index 0 again" },
        { "duplicate beyond the first chunk", [.. Enumerable.Range(0, 60).Select(i => $"wfr_{i}"), "wfr_3"], "index 60 (wfr_3) is the one at index 3" },
    };

    [Theory]
    [MemberData(nameof(RefusedIdLists))]
    public async Task An_id_list_that_is_empty_or_names_a_bad_or_repeated_id_is_refused_before_anything_is_sent(string name, string[] ids, string fix)
    {
        Stub("DELETE", RunsPath, """{"cancelled":1}""");

        await AssertRefusedBeforeSendingAsync<ArgumentException>(() => Client.Runs.CancelAsync(ids), "workflowRunIds", fix, name);
    }

    [Fact]
    public async Task A_refused_chunk_stops_the_call_and_is_the_service_error()
    {
        Stub("DELETE", RunsPath, """{"error":"workflowRunIds: bad"}""", status: 400);
        var ids = Enumerable.Range(0, 51).Select(i => $"wfr_{i}").ToArray();

        var error = await Assert.ThrowsAsync<WorkflowApiException>(() => Client.Runs.CancelAsync(ids));

        Assert.IsNotType<OutcomeUnknownException>(error);
        Assert.Equal(400, error.Status);
        Assert.Single(Requests);
    }

    [Fact]
    public async Task A_filter_sends_its_criteria_in_the_table_order_with_an_exact_url_match_and_no_count()
    {
        Stub("DELETE", RunsPath, """{"cancelled":12}""");
        var filter = RunCancelFilter.Create()
            .WithLabel("eu")
            .FromCallerIp("203.0.113.7")
            .ForWorkflowUrl(Checkout)
            .WithFlowControlKey("payments")
            .CreatedBetween(DateTimeOffset.FromUnixTimeMilliseconds(1_752_829_000_000), DateTimeOffset.FromUnixTimeMilliseconds(1_752_829_999_999))
            .WithLabel("us")
            .ForWorkflowUrl(Checkout + "-v2");

        var result = await Client.Runs.BulkCancelAsync(filter);

        Assert.Equal((12L, false), (result.CanceledCount, result.MayHaveCanceledMore));
        var request = Assert.Single(Requests);
        Assert.Equal(("DELETE", RunsPath), (request.Method, request.Path));
        Assert.True(string.IsNullOrEmpty(request.Body));
        Assert.Equal(
            "workflowUrl=https%3A%2F%2Fshop.example.com%2Fapi%2Fworkflows%2Fcheckout&workflowUrl=https%3A%2F%2Fshop.example.com%2Fapi%2Fworkflows%2Fcheckout-v2&workflowUrlExactMatch=true"
            + "&fromDate=1752829000000&toDate=1752829999999&label=eu&label=us&flowControlKey=payments&callerIp=203.0.113.7",
            QueryOf(request));
    }

    [Fact]
    public async Task A_prefix_asked_for_by_name_is_sent_without_the_exact_match()
    {
        Stub("DELETE", RunsPath, """{"cancelled":3}""");

        await Client.Runs.BulkCancelAsync(RunCancelFilter.Create().ForWorkflowUrlPrefix("https://shop.example.com/api/").ForWorkflowUrlPrefix("https://shop.example.com/jobs/"));

        Assert.Equal("workflowUrl=https%3A%2F%2Fshop.example.com%2Fapi%2F&workflowUrl=https%3A%2F%2Fshop.example.com%2Fjobs%2F", QueryOf(Assert.Single(Requests)));
    }

    [Fact]
    public async Task All_cancels_everything_with_a_bare_DELETE()
    {
        Stub("DELETE", RunsPath, """{"cancelled":40}""");

        Assert.Equal(40, (await Client.Runs.BulkCancelAsync(RunCancelFilter.All())).CanceledCount);
        Assert.Equal(string.Empty, QueryOf(Assert.Single(Requests)));
    }

    [Fact]
    public async Task An_empty_filter_is_refused_before_anything_is_sent_and_points_to_All()
    {
        Stub("DELETE", RunsPath, """{"cancelled":40}""");

        var error = await AssertRefusedBeforeSendingAsync<ArgumentException>(() => Client.Runs.BulkCancelAsync(RunCancelFilter.Create()), "filter", "RunCancelFilter.All()");

        Assert.Contains("the service would cancel every run", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_criterion_added_to_All_narrows_it()
    {
        Stub("DELETE", RunsPath, """{"cancelled":1}""");

        await Client.Runs.BulkCancelAsync(RunCancelFilter.All().WithLabel("eu"));

        Assert.Equal("label=eu", QueryOf(Assert.Single(Requests)));
    }

    [Fact]
    public async Task Started_as_an_action_a_filter_sends_the_sync_query_then_async_true_and_returns_an_operation_on_its_id()
    {
        Stub("DELETE", RunsPath, """{"actionId":"bulk_cancel_1"}""");
        var filter = RunCancelFilter.Create()
            .WithLabel("eu")
            .ForWorkflowUrl(Checkout)
            .CreatedAfter(DateTimeOffset.FromUnixTimeMilliseconds(1_752_829_000_000));

        BulkActionOperation operation = await Client.Runs.StartBulkCancelAsync(filter);

        var request = Assert.Single(Requests);
        Assert.Equal(("DELETE", RunsPath), (request.Method, request.Path));
        Assert.True(string.IsNullOrEmpty(request.Body));
        Assert.Equal(
            "workflowUrl=https%3A%2F%2Fshop.example.com%2Fapi%2Fworkflows%2Fcheckout&workflowUrlExactMatch=true&fromDate=1752829000000&label=eu&async=true",
            QueryOf(request));
        Assert.Equal(("bulk_cancel_1", false), (operation.Id, operation.HasCompleted));
    }

    [Theory]
    [InlineData(false, "workflowUrl=https%3A%2F%2Fshop.example.com%2Fapi%2F&async=true")]
    [InlineData(true, "async=true")]
    public async Task Started_as_an_action_a_prefix_goes_only_by_name_and_All_sends_async_alone(bool all, string query)
    {
        Stub("DELETE", RunsPath, """{"actionId":"bulk_cancel_2"}""");

        await Client.Runs.StartBulkCancelAsync(all ? RunCancelFilter.All() : RunCancelFilter.Create().ForWorkflowUrlPrefix("https://shop.example.com/api/"));

        Assert.Equal(query, QueryOf(Assert.Single(Requests)));
    }

    [Fact]
    public async Task Started_as_an_action_an_empty_filter_is_refused_before_anything_is_sent()
    {
        Stub("DELETE", RunsPath, """{"actionId":"bulk_cancel_3"}""");

        var error = await AssertRefusedBeforeSendingAsync<ArgumentException>(() => Client.Runs.StartBulkCancelAsync(RunCancelFilter.Create()), "filter", "RunCancelFilter.All()");

        Assert.Contains("the service would cancel every run", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentNullException>(() => Client.Runs.StartBulkCancelAsync(null!));
    }

    [Fact]
    public async Task Started_as_an_action_a_refusal_is_the_service_error_naming_the_parameter()
    {
        const string Refusal = "count does not go with async=true: a bulk action cancels every run it selects.";
        Stub("DELETE", RunsPath, $$"""{"error":"{{Refusal}}"}""", status: 400);

        var error = await Assert.ThrowsAsync<WorkflowApiException>(() => Client.Runs.StartBulkCancelAsync(RunCancelFilter.Create().WithLabel("eu")));

        Assert.Equal((400, Refusal), (error.Status, error.ErrorMessage));
        Assert.Single(Requests);
    }
}
