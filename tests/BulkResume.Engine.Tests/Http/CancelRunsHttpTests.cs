using System.Net;
using System.Text.Json;
using BulkResume.Engine.Tests.Support;

namespace BulkResume.Engine.Tests.Http;

/// <summary>
/// <c>DELETE /v2/workflows/runs/{id}</c> and <c>DELETE /v2/workflows/runs</c>: a run in progress becomes
/// <c>RUN_CANCELED</c>; a finished one is refused alone and skipped in bulk; a selection that could act on runs the caller
/// did not name is a 400 naming the parameter, and changes nothing; with <c>async=true</c> the same selection becomes a
/// bulk action of kind <c>cancel</c>.
/// </summary>
public sealed class CancelRunsHttpTests : IDisposable
{
    private const string Runs = "/v2/workflows/runs";
    private const string Actions = "/v2/workflows/bulkActions";
    private readonly HttpHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task Cancel_one_answers_200_without_a_body_and_the_run_logs_show_it_canceled_at_the_engines_time()
    {
        await SaveAsync("wfr_a", Seed.Orders, RunState.Started);

        HttpReply reply = await _harness.SendAsync(HttpMethod.Delete, Runs + "/wfr_a");

        Assert.Equal((HttpStatusCode.OK, string.Empty), (reply.Status, reply.Body));
        HttpReply logs = await _harness.SendAsync(HttpMethod.Get, "/v2/workflows/logs?workflowRunId=wfr_a");
        System.Text.Json.JsonElement run = logs.Json.GetProperty("runs")[0];
        Assert.Equal("RUN_CANCELED", run.GetProperty("workflowState").GetString());
        Assert.Equal(_harness.Clock.GetUtcNow().ToUnixTimeMilliseconds(), run.GetProperty("workflowRunCompletedAt").GetInt64());
    }

    [Theory]
    [InlineData(RunState.Success, "RUN_SUCCESS")]
    [InlineData(RunState.Failed, "RUN_FAILED")]
    [InlineData(RunState.Canceled, "RUN_CANCELED")]
    public async Task Cancel_one_of_a_finished_run_is_400_naming_its_state_and_changes_nothing(RunState state, string wireName)
    {
        RunRecord saved = await SaveAsync("wfr_a", Seed.Orders, state);

        HttpReply reply = await _harness.SendAsync(HttpMethod.Delete, Runs + "/wfr_a");

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal($"Workflow run wfr_a is {wireName}; only a run in progress (RUN_STARTED) can be canceled. Nothing was changed.", reply.Error);
        Assert.Equal(saved, await _harness.Server.Store.GetRunAsync("wfr_a"));
    }

    [Fact]
    public async Task Cancel_one_of_an_unknown_run_is_404_and_a_parameter_or_cancel_value_it_does_not_take_is_refused()
    {
        await SaveAsync("wfr_a", Seed.Orders, RunState.Started);

        HttpReply unknown = await _harness.SendAsync(HttpMethod.Delete, Runs + "/wfr_nope");
        HttpReply parameter = await _harness.SendAsync(HttpMethod.Delete, Runs + "/wfr_a?force=true");
        HttpReply value = await _harness.SendAsync(HttpMethod.Delete, Runs + "/wfr_a?cancel=yes");
        HttpReply notDelivered = await _harness.SendAsync(HttpMethod.Delete, Runs + "/wfr_a?cancel=false");

        Assert.Equal((HttpStatusCode.NotFound, "Workflow run wfr_nope was not found"), (unknown.Status, unknown.Error));
        Assert.Equal(HttpStatusCode.BadRequest, parameter.Status);
        Assert.Contains("force is not a parameter of DELETE /v2/workflows/runs/{workflowRunId}", parameter.Error, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, value.Status);
        Assert.StartsWith("cancel ", value.Error, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, notDelivered.Status);
        Assert.StartsWith("cancel=false finishes a run delivered through the workflow protocol", notDelivered.Error, StringComparison.Ordinal);
        Assert.Equal(RunState.Started, (await _harness.Server.Store.GetRunAsync("wfr_a"))!.State);
    }

    [Fact]
    public async Task Cancel_one_with_cancel_true_cancels_as_without_it()
    {
        await SaveAsync("wfr_a", Seed.Orders, RunState.Started);

        HttpReply reply = await _harness.SendAsync(HttpMethod.Delete, Runs + "/wfr_a?cancel=true");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(RunState.Canceled, (await _harness.Server.Store.GetRunAsync("wfr_a"))!.State);
    }

    [Fact]
    public async Task Bulk_cancel_without_a_filter_cancels_every_run_in_progress_and_skips_finished_ones()
    {
        for (int i = 0; i < 7; i++)
        {
            await SaveAsync($"wfr_{i}", i % 2 == 0 ? Seed.Orders : Seed.Billing, i == 3 ? RunState.Success : RunState.Started);
        }

        HttpReply reply = await _harness.SendAsync(HttpMethod.Delete, Runs);
        HttpReply again = await _harness.SendAsync(HttpMethod.Delete, Runs);

        Assert.Equal((HttpStatusCode.OK, """{"cancelled":6}"""), (reply.Status, reply.Body));
        Assert.Equal("""{"cancelled":0}""", again.Body);
        Assert.Equal(RunState.Success, (await _harness.Server.Store.GetRunAsync("wfr_3"))!.State);
    }

    /// <summary>Selections of the four runs <see cref="SaveFourAsync"/> saves, and the runs each cancels, by either form.</summary>
    public static TheoryData<string, string> Selections => new()
    {
        { "workflowUrl=https%3A%2F%2Fexample.com%2Fapi%2Ford", "wfr_0,wfr_1" },
        { "workflowUrl=https%3A%2F%2Fexample.com%2Fapi%2Ford&workflowUrlExactMatch=false", "wfr_0,wfr_1" },
        { "workflowUrl=https%3A%2F%2Fexample.com%2Fapi%2Forders&workflowUrlExactMatch=true", "wfr_0" },
        { "workflowUrl=https%3A%2F%2Fexample.com%2Fapi%2Forders,https%3A%2F%2Fexample.com%2Fapi%2Fbilling&workflowUrlExactMatch=true", "wfr_0,wfr_2" },
        { "workflowRunIds=wfr_2&workflowRunIds=wfr_0,wfr_9", "wfr_0,wfr_2" },
        { "label=eu&label=vip", "wfr_0,wfr_2" },
        { "flowControlKey=k0,k3", "wfr_0,wfr_3" },
        { "callerIp=10.0.0.1&callerIp=10.0.0.2", "wfr_1,wfr_2" },
        { "fromDate=1752829296505&toDate=1752829297505", "wfr_1,wfr_2" },
    };

    [Theory]
    [MemberData(nameof(Selections))]
    [InlineData("count=2", "wfr_0,wfr_1")]
    [InlineData("workflowUrl=https%3A%2F%2Fexample.com%2Fapi%2F&label=eu&count=5", "wfr_0")]
    [InlineData("async=false&count=1", "wfr_0")]
    public async Task Bulk_cancel_cancels_exactly_what_its_filters_select(string query, string expected)
    {
        await SaveFourAsync();

        HttpReply reply = await _harness.SendAsync(HttpMethod.Delete, Runs + "?" + query);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        string[] canceled = await CanceledAsync();
        Assert.Equal(expected.Split(','), canceled);
        Assert.Equal(canceled.Length, reply.Json.GetProperty("cancelled").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Selections))]
    public async Task An_async_bulk_cancel_is_an_action_of_kind_cancel_that_cancels_what_the_sync_form_would(string query, string expected)
    {
        await SaveFourAsync();
        _harness.Server.Faults.HoldBulkActions = true;

        HttpReply started = await _harness.SendAsync(HttpMethod.Delete, Runs + "?" + query + "&async=true");
        string id = started.Json.GetProperty("actionId").GetString()!;
        JsonElement running = (await _harness.SendAsync(HttpMethod.Get, Actions + "/" + id)).Json;
        string[] canceledWhileHeld = await CanceledAsync();
        _harness.Server.Faults.HoldBulkActions = false;
        await _harness.Server.BulkActions.WaitUntilIdleAsync();
        JsonElement finished = (await _harness.SendAsync(HttpMethod.Get, Actions + "/" + id)).Json;

        Assert.Equal(HttpStatusCode.OK, started.Status);
        Assert.Equal(["actionId"], started.Json.EnumerateObject().Select(property => property.Name));
        Assert.Equal(("cancel", "IN_PROGRESS", 0L), (running.GetProperty("kind").GetString(), running.GetProperty("state").GetString(), running.GetProperty("processed").GetInt64()));
        Assert.Empty(canceledWhileHeld);
        Assert.Equal(expected.Split(','), await CanceledAsync());
        Assert.Equal("FINISHED", finished.GetProperty("state").GetString());
        Assert.Equal((expected.Split(',').Length, expected.Split(',').Length), (finished.GetProperty("total").GetInt64(), finished.GetProperty("processed").GetInt64()));
    }

    [Fact]
    public async Task An_async_cancel_keeps_its_filter_as_given_with_the_url_match_and_a_prefix_and_an_exact_url_are_two_actions()
    {
        await SaveFourAsync();
        _harness.Server.Faults.HoldBulkActions = true;
        string url = Uri.EscapeDataString(Seed.Orders);

        HttpReply exact = await _harness.SendAsync(HttpMethod.Delete, Runs + "?async=true&workflowUrlExactMatch=true&label=vip,eu&workflowUrl=" + url);
        HttpReply same = await _harness.SendAsync(HttpMethod.Delete, Runs + "?workflowUrl=" + url + "&label=eu&label=vip&workflowUrlExactMatch=true&async=true");
        HttpReply prefix = await _harness.SendAsync(HttpMethod.Delete, Runs + "?async=true&label=vip,eu&workflowUrl=" + url);
        JsonElement action = (await _harness.SendAsync(HttpMethod.Get, Actions + "/" + exact.Json.GetProperty("actionId").GetString())).Json;

        Assert.Equal(exact.Json.GetProperty("actionId").GetString(), same.Json.GetProperty("actionId").GetString());
        Assert.NotEqual(exact.Json.GetProperty("actionId").GetString(), prefix.Json.GetProperty("actionId").GetString());
        Assert.Equal(
            """{"label":["vip","eu"],"workflowUrl":["https://example.com/api/orders"],"workflowUrlExactMatch":["true"]}""",
            action.GetProperty("filter").GetRawText());
        Assert.Equal(1, action.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task An_async_cancel_covers_the_runs_in_progress_at_its_creation_and_counts_only_those_it_canceled()
    {
        for (int i = 0; i < 250; i++)
        {
            await SaveAsync($"wfr_{i:D3}", Seed.Orders, i % 5 == 0 ? RunState.Success : RunState.Started, second: i);
        }

        _harness.Server.Faults.HoldBulkActions = true;
        string id = (await _harness.SendAsync(HttpMethod.Delete, Runs + "?async=true&workflowUrl=" + Uri.EscapeDataString(Seed.Orders))).Json.GetProperty("actionId").GetString()!;
        await SaveAsync("wfr_999", Seed.Orders, RunState.Started, second: 1000);
        HttpReply one = await _harness.SendAsync(HttpMethod.Delete, Runs + "/wfr_001");
        _harness.Server.Faults.HoldBulkActions = false;
        await _harness.Server.BulkActions.WaitUntilIdleAsync();
        JsonElement action = (await _harness.SendAsync(HttpMethod.Get, Actions + "/" + id)).Json;

        Assert.Equal(HttpStatusCode.OK, one.Status);
        Assert.Equal((200L, 199L), (action.GetProperty("total").GetInt64(), action.GetProperty("processed").GetInt64()));
        Assert.Equal(200, (await CanceledAsync()).Length);
        Assert.Equal(RunState.Started, (await _harness.Server.Store.GetRunAsync("wfr_999"))!.State);
    }

    [Fact]
    public async Task An_async_cancel_that_selects_no_run_in_progress_finishes_with_nothing_done()
    {
        await SaveAsync("wfr_0", Seed.Orders, RunState.Success);

        string id = (await _harness.SendAsync(HttpMethod.Delete, Runs + "?async=true&workflowRunIds=wfr_0,wfr_nope")).Json.GetProperty("actionId").GetString()!;
        await _harness.Server.BulkActions.WaitUntilIdleAsync();
        JsonElement action = (await _harness.SendAsync(HttpMethod.Get, Actions + "/" + id)).Json;

        Assert.Equal(("FINISHED", 0L, 0L), (action.GetProperty("state").GetString(), action.GetProperty("total").GetInt64(), action.GetProperty("processed").GetInt64()));
        Assert.Equal(RunState.Success, (await _harness.Server.Store.GetRunAsync("wfr_0"))!.State);
    }

    [Theory]
    [InlineData("async=yes", "async must be true (start a bulk action and answer its id) or false (cancel now and answer the count, the default); got 'yes'")]
    [InlineData("async=true&async=true", "async was given 2 times")]
    [InlineData("async=True", "async must be true")]
    [InlineData("async=", "async is blank")]
    [InlineData("async=true&count=5", "count does not go with async=true: a bulk action cancels every run it selects")]
    [InlineData("async=true&workflowRunIds=wfr_0&label=eu", "workflowRunIds names exact runs, so label would be ignored")]
    [InlineData("async=true&workflowUrlExactMatch=yes", "workflowUrlExactMatch must be true")]
    [InlineData("async=true&workflowUrl=,", "workflowUrl has an empty value")]
    [InlineData("async=true&callerIp=nope", "callerIp 'nope' is not an IP address")]
    [InlineData("async=true&fromDate=1752829297505&toDate=1752829295505", "fromDate (1752829297505) is after toDate (1752829295505)")]
    [InlineData("async=true&cursor=abc", "cursor is not a parameter of DELETE /v2/workflows/runs")]
    [InlineData("async=true&lable=eu", "lable is not a parameter of DELETE /v2/workflows/runs. Did you mean label?")]
    public async Task An_async_bulk_cancel_refuses_what_the_sync_one_refuses_and_creates_no_action(string query, string fix)
    {
        await SaveAsync("wfr_0", Seed.Orders, RunState.Started, labels: ["eu"], callerIp: "10.0.0.1");

        HttpReply reply = await _harness.SendAsync(HttpMethod.Delete, Runs + "?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains(fix, reply.Error, StringComparison.Ordinal);
        Assert.Empty((await _harness.SendAsync(HttpMethod.Get, Actions)).Json.GetProperty("bulkActions").EnumerateArray());
        await _harness.Server.BulkActions.WaitUntilIdleAsync();
        Assert.Empty(await CanceledAsync());
    }

    [Theory]
    [InlineData("workflowRunIds=wfr_0&workflowUrl=https%3A%2F%2Fexample.com", "workflowRunIds names exact runs, so workflowUrl would be ignored; send either the ids or the filters")]
    [InlineData("workflowRunIds=wfr_0&label=eu&callerIp=10.0.0.1", "workflowRunIds names exact runs, so label, callerIp would be ignored")]
    [InlineData("workflowUrlExactMatch=yes", "workflowUrlExactMatch must be true (workflowUrl matches exactly) or false (as a prefix, the default); got 'yes'")]
    [InlineData("workflowUrlExactMatch=true&workflowUrlExactMatch=false", "workflowUrlExactMatch was given 2 times")]
    [InlineData("async=maybe", "async must be true (start a bulk action and answer its id) or false")]
    [InlineData("cursor=abc", "cursor is not a parameter of DELETE /v2/workflows/runs")]
    [InlineData("workflowRunId=wfr_0", "workflowRunId is not a parameter of DELETE /v2/workflows/runs. Did you mean workflowRunIds?")]
    [InlineData("state=RUN_STARTED", "state is not a parameter of DELETE /v2/workflows/runs")]
    [InlineData("workflowUrl=", "workflowUrl is blank")]
    [InlineData("workflowUrl=,", "workflowUrl has an empty value")]
    [InlineData("label=eu,,us", "label has an empty value")]
    [InlineData("workflowRunIds=", "workflowRunIds is blank")]
    [InlineData("workflowRunIds=wfr_0%00", "workflowRunIds contains a control character")]
    [InlineData("callerIp=nope", "callerIp 'nope' is not an IP address")]
    [InlineData("callerIP=10.0.0.1", "it is now called callerIp")]
    [InlineData("url=https%3A%2F%2Fexample.com", "it is now called workflowUrl")]
    [InlineData("fromDate=1752829297505&toDate=1752829295505", "fromDate (1752829297505) is after toDate (1752829295505)")]
    [InlineData("fromDate=yesterday", "fromDate must be a Unix time in milliseconds")]
    [InlineData("count=0", "count must be 1 or more; got 0")]
    [InlineData("count=many", "count must be an integer of 1 or more")]
    public async Task A_bulk_cancel_that_could_act_on_runs_not_named_is_400_naming_the_fix_and_changes_nothing(string query, string fix)
    {
        await SaveAsync("wfr_0", Seed.Orders, RunState.Started, labels: ["eu"], callerIp: "10.0.0.1");
        await SaveAsync("wfr_1", Seed.Billing, RunState.Started);

        HttpReply reply = await _harness.SendAsync(HttpMethod.Delete, Runs + "?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains(fix, reply.Error, StringComparison.Ordinal);
        Assert.Empty(await CanceledAsync());
    }

    private async Task SaveFourAsync()
    {
        await SaveAsync("wfr_0", Seed.Orders, RunState.Started, second: 0, labels: ["eu"], key: "k0", callerIp: "10.0.0.0");
        await SaveAsync("wfr_1", Seed.Orders + "-v2", RunState.Started, second: 1, labels: ["us"], key: "k1", callerIp: "10.0.0.1");
        await SaveAsync("wfr_2", Seed.Billing, RunState.Started, second: 2, labels: ["vip"], key: "k2", callerIp: "10.0.0.2");
        await SaveAsync("wfr_3", Seed.Shipping, RunState.Started, second: 3, labels: [], key: "k3", callerIp: "10.0.0.3");
    }

    private async Task<RunRecord> SaveAsync(
        string id, string url, RunState state, int second = 0, string[]? labels = null, string? key = null, string? callerIp = null)
    {
        var run = new RunRecord
        {
            WorkflowRunId = id,
            WorkflowUrl = url,
            State = state,
            CreatedAt = Seed.T0.AddSeconds(second),
            CompletedAt = state == RunState.Started ? null : Seed.T0.AddSeconds(second + 1),
            Labels = labels ?? [],
            CallerIp = callerIp,
            Configuration = new WorkflowRunConfiguration { FlowControlKey = key, Parallelism = key is null ? null : 1 },
        };
        await _harness.Server.Store.SaveRunAsync(run);
        return run;
    }

    private async Task<string[]> CanceledAsync() =>
        (await _harness.Server.Store.QueryRunsAsync(new BulkResume.Engine.Storage.RunQuery(new RunSelection { State = RunState.Canceled }, null, 1000)))
            .Select(run => run.WorkflowRunId).ToArray();
}
