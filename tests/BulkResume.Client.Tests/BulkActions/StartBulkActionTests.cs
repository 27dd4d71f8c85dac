using BulkResume.Client.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace BulkResume.Client.Tests.BulkActions;

/// <summary>
/// Starting a bulk action: the exact request of each call (method, path, the selection as query in the table's order,
/// the override headers, no body, no count or cursor), any 2xx with an <c>actionId</c>, and every refusal before
/// anything is sent.
/// </summary>
public sealed class StartBulkActionTests : WireMockTestBase
{
    private const string Url = "https://shop.example.com/api/workflows/orders";
    private const string EscapedUrl = "https%3A%2F%2Fshop.example.com%2Fapi%2Fworkflows%2Forders";
    private static readonly DateTimeOffset From = DateTimeOffset.FromUnixTimeMilliseconds(1_752_829_295_505);

    public static TheoryData<string, string, Func<DlqClient, ResumeFilter, Task<BulkActionOperation>>> Calls => new()
    {
        { "POST", "/v2/workflows/dlq/resume/bulk", (dlq, filter) => dlq.StartBulkResumeAsync(filter) },
        { "POST", "/v2/workflows/dlq/restart/bulk", (dlq, filter) => dlq.StartBulkRestartAsync(filter) },
        { "DELETE", "/v2/workflows/dlq/bulk", (dlq, filter) => dlq.StartBulkDeleteAsync(filter) },
    };

    public static TheoryData<string, Func<DlqClient, ResumeFilter, Task<BulkActionOperation>>> CallsWithTheirIdsCall => new()
    {
        { "DlqClient.BulkResumeAsync(ResumeFilter.ForDlqIds(...))", (dlq, filter) => dlq.StartBulkResumeAsync(filter) },
        { "DlqClient.BulkRestartAsync(ResumeFilter.ForDlqIds(...))", (dlq, filter) => dlq.StartBulkRestartAsync(filter) },
        { "DlqClient.BulkDeleteAsync(ResumeFilter.ForDlqIds(...))", (dlq, filter) => dlq.StartBulkDeleteAsync(filter) },
    };

    /// <summary>Each paging or draining option of <see cref="ResumeOptions"/>, set (even out of its range), and its name in the refusal.</summary>
    public static TheoryData<string, Action<ResumeOptions>> PagingOptions => new()
    {
        { "PageSize", options => options.PageSize = 0 },
        { "MaxConcurrency", options => options.MaxConcurrency = 1 },
        { "OnUnknownOutcome", options => options.OnUnknownOutcome = _ => { } },
        { "GracefulStop", options => options.GracefulStop = new CancellationTokenSource().Token },
        { "DlqIdsProgress", options => options.DlqIdsProgress = new DlqIdsProgress() },
        { "SkipMissingDlqIds", options => options.SkipMissingDlqIds = true },
    };

    private void AnswerEverything(int status, string? body) =>
        Server.Given(Request.Create().UsingAnyMethod())
            .RespondWith(body is null
                ? Response.Create().WithStatusCode(status)
                : Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task Each_call_sends_its_method_path_and_the_whole_selection_in_the_tables_order_without_count_cursor_or_body(string method, string path, Func<DlqClient, ResumeFilter, Task<BulkActionOperation>> start)
    {
        AnswerEverything(200, """{"actionId":"act_1"}""");
        var filter = ResumeFilter.Create()
            .WithFailureCallbackState(FailureCallbackState.Failed)
            .WithLabel("eu")
            .ForWorkflowUrl(Url)
            .WithLabel("us")
            .FailedAfter(From);

        var operation = await start(Client.Dlq, filter);

        var request = Assert.Single(Requests);
        Assert.Equal((method, path), (request.Method, request.Path));
        Assert.Equal($"fromDate=1752829295505&workflowUrl={EscapedUrl}&label=eu&label=us&failureFunctionState=CALLBACK_FAIL", QueryOf(request));
        Assert.Equal($"Bearer {Token}", HeaderOf(request, "Authorization"));
        Assert.True(string.IsNullOrEmpty(request.Body), "the selection goes in the query");
        Assert.Equal("act_1", operation.Id);
        Assert.Equal("act_1", operation.ToString());
        Assert.Null(operation.Value);
        Assert.False(operation.HasCompleted);
    }

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task All_sends_a_request_without_query(string method, string path, Func<DlqClient, ResumeFilter, Task<BulkActionOperation>> start)
    {
        AnswerEverything(200, """{"actionId":"act_all"}""");

        var operation = await start(Client.Dlq, ResumeFilter.All());

        var request = Assert.Single(Requests);
        Assert.Equal((method, path, string.Empty), (request.Method, request.Path, QueryOf(request)));
        Assert.Equal("act_all", operation.Id);
    }

    [Theory]
    [InlineData("resume")]
    [InlineData("restart")]
    public async Task A_resume_or_restart_sends_the_override_headers_and_a_delete_sends_none(string call)
    {
        AnswerEverything(200, """{"actionId":"act_2"}""");
        var options = new ResumeOptions
        {
            Retries = 3,
            Delay = TimeSpan.FromMinutes(5),
            RetryDelay = "1000 * (1 + retried)",
            FlowControl = new FlowControl("payments", parallelism: 2),
            Labels = ["replay", "eu"],
            FailureCallbackUrl = new Uri("https://shop.example.com/api/failed"),
        };
        var filter = ResumeFilter.Create().WithLabel("eu");

        await (call == "resume" ? Client.Dlq.StartBulkResumeAsync(filter, options) : Client.Dlq.StartBulkRestartAsync(filter, options));
        await Client.Dlq.StartBulkDeleteAsync(filter);

        var (overridden, delete) = (Requests[0], Requests[1]);
        Assert.Equal("3", HeaderOf(overridden, "Upstash-Retries"));
        Assert.Equal("5m", HeaderOf(overridden, "Upstash-Delay"));
        Assert.Equal("1000 * (1 + retried)", HeaderOf(overridden, "Upstash-Retry-Delay"));
        Assert.Equal("payments", HeaderOf(overridden, "Upstash-Flow-Control-Key"));
        Assert.Equal("parallelism=2", HeaderOf(overridden, "Upstash-Flow-Control-Value"));
        Assert.Equal("replay,eu", HeaderOf(overridden, "Upstash-Label"));
        Assert.Equal("https://shop.example.com/api/failed", HeaderOf(overridden, "Upstash-Failure-Callback"));
        Assert.DoesNotContain(delete.Headers!.Keys, name => name.StartsWith("Upstash-", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData(200)]
    [InlineData(201)]
    [InlineData(202)]
    public async Task Any_2xx_with_an_action_id_starts_the_operation(int status)
    {
        AnswerEverything(status, """{"actionId":"act_3","extra":true}""");

        var operation = await Client.Dlq.StartBulkResumeAsync(ResumeFilter.Create().WithLabel("eu"));

        Assert.Equal("act_3", operation.Id);
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"actionId":""}""")]
    [InlineData("""{"actionId":"  "}""")]
    [InlineData("""{"actionId":42}""")]
    [InlineData(null)]
    public async Task A_success_without_an_action_id_fails_as_an_unreadable_answer_rather_than_an_operation_on_nothing(string? body)
    {
        AnswerEverything(202, body);

        var error = await Assert.ThrowsAsync<WorkflowApiException>(() => Client.Dlq.StartBulkRestartAsync(ResumeFilter.All()));

        Assert.Equal(202, error.Status);
        Assert.Contains("could not be read", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_selection_with_other_overrides_while_one_runs_is_the_services_409_naming_it()
    {
        AnswerEverything(409, """{"error":"Bulk action act_9 with the same selection is running with other overrides"}""");

        var error = await Assert.ThrowsAsync<WorkflowApiException>(() => Client.Dlq.StartBulkResumeAsync(ResumeFilter.Create().WithLabel("eu"), new ResumeOptions { Retries = 1 }));

        Assert.Equal(409, error.Status);
        Assert.Contains("act_9", error.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task An_empty_filter_is_refused_before_anything_is_sent_and_points_to_All_not_to_ids(string method, string path, Func<DlqClient, ResumeFilter, Task<BulkActionOperation>> start)
    {
        var error = await AssertRefusedBeforeSendingAsync<ArgumentException>(() => start(Client.Dlq, ResumeFilter.Create()), "filter", "ResumeFilter.All()", $"{method} {path}");

        Assert.DoesNotContain("ForDlqIds", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(CallsWithTheirIdsCall))]
    public async Task Explicit_ids_are_refused_before_anything_is_sent_pointing_at_the_call_that_takes_them(string idsCall, Func<DlqClient, ResumeFilter, Task<BulkActionOperation>> start)
    {
        var error = await AssertRefusedBeforeSendingAsync<ArgumentException>(() => start(Client.Dlq, ResumeFilter.ForDlqIds("a", "b")), "filter", idsCall, idsCall);

        Assert.Contains("not explicit DLQ ids", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(PagingOptions))]
    public async Task A_paging_or_draining_option_is_refused_by_name_before_anything_is_sent_rather_than_ignored(string option, Action<ResumeOptions> set)
    {
        var options = new ResumeOptions();
        set(options);
        var filter = ResumeFilter.Create().WithLabel("eu");

        var resume = await AssertRefusedBeforeSendingAsync<ArgumentException>(() => Client.Dlq.StartBulkResumeAsync(filter, options), "options", $"ResumeOptions.{option} does not apply to DlqClient.StartBulkResumeAsync", option);
        var restart = await AssertRefusedBeforeSendingAsync<ArgumentException>(() => Client.Dlq.StartBulkRestartAsync(filter, options), "options", $"ResumeOptions.{option} does not apply to DlqClient.StartBulkRestartAsync", option);

        Assert.Contains("DlqClient.BulkResumeAsync, which pages on the client", resume.Message, StringComparison.Ordinal);
        Assert.Contains("DlqClient.BulkRestartAsync, which pages on the client", restart.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_override_that_breaks_its_rule_is_refused_as_on_the_sync_calls_before_anything_is_sent()
    {
        await AssertRefusedBeforeSendingAsync<ArgumentOutOfRangeException>(
            () => Client.Dlq.StartBulkResumeAsync(ResumeFilter.All(), new ResumeOptions { Retries = -1 }), "options", "ResumeOptions.Retries must be 0 or more");
        await AssertRefusedBeforeSendingAsync<ArgumentException>(
            () => Client.Dlq.StartBulkRestartAsync(ResumeFilter.All(), new ResumeOptions { Labels = ["a,b"] }), "options", "has a comma");
    }

    [Fact]
    public async Task A_criterion_the_DLQ_does_not_take_can_not_reach_a_bulk_action_and_a_widening_value_is_refused_where_it_is_given()
    {
        Assert.Throws<ArgumentException>(() => ResumeFilter.Create().WithLabel(","));
        Assert.Throws<ArgumentException>(() => ResumeFilter.Create().ForWorkflowUrl(" "));
        Assert.Throws<ArgumentException>(() => ResumeFilter.Create().FromCallerIp("not-an-ip"));

        await AssertRefusedBeforeSendingAsync<ArgumentNullException>(() => Client.Dlq.StartBulkDeleteAsync(null!), "filter", "filter");
    }
}
