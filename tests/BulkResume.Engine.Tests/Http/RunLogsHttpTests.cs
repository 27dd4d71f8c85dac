using System.Net;
using System.Text.Json;
using BulkResume.Engine.Tests.Support;

namespace BulkResume.Engine.Tests.Http;

public sealed class RunLogsHttpTests : IDisposable
{
    private const string LogsPath = "/v2/workflows/logs";
    private readonly HttpHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task A_resumed_run_reads_back_with_its_kept_steps_in_groups_and_its_new_labels()
    {
        await _harness.Server.Engine.DeadLetterAsync(
            FailedRun.For(Seed.Orders).WithDlqId("dlq-1").WithRunId("wfr_a").WithBody("hello").FailedAtStep(2, of: 3).Build());
        await _harness.SendAsync(HttpMethod.Post, "/v2/workflows/dlq/resume/dlq-1", request => request.Headers.Add("Upstash-Label", "retry"));

        HttpReply reply = await _harness.SendAsync(HttpMethod.Get, LogsPath + "?workflowRunId=wfr_test000001");

        long now = _harness.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(
            $$"""{"runs":[{"workflowRunId":"wfr_test000001","workflowUrl":"https://example.com/api/orders","workflowState":"RUN_STARTED","workflowRunCreatedAt":{{now}},"""
            + "\"workflowRunCallerIp\":\"203.0.113.7\",\"label\":\"retry\",\"labels\":[\"retry\"],\"steps\":["
            + """{"type":"sequential","steps":[{"stepName":"init","stepType":"Initial","concurrent":1,"state":"STEP_SUCCESS","createdAt":1752829235505,"out":"hello"}]},"""
            + """{"type":"sequential","steps":[{"stepId":1,"stepName":"step-1","stepType":"Run","concurrent":1,"state":"STEP_SUCCESS","createdAt":1752829235505,"out":"\u0022result-1\u0022","retries":3}]}]}]}""",
            reply.Body);
    }

    [Fact]
    public async Task A_resumed_runs_kept_steps_show_the_retries_they_ran_with_not_the_new_runs()
    {
        await _harness.Server.Engine.DeadLetterAsync(
            FailedRun.For(Seed.Orders).WithDlqId("dlq-1").WithRunId("wfr_a").WithMaxRetries(2).FailedAtStep(3, of: 4).Build());
        await _harness.SendAsync(HttpMethod.Post, "/v2/workflows/dlq/resume/dlq-1", request => request.Headers.Add("Upstash-Retries", "7"));

        HttpReply reply = await _harness.SendAsync(HttpMethod.Get, LogsPath + "?workflowRunId=wfr_test000001");

        JsonElement[] kept = reply.Json.GetProperty("runs")[0].GetProperty("steps").EnumerateArray().Skip(1)
            .Select(group => group.GetProperty("steps")[0]).ToArray();
        Assert.Equal(
            [("step-1", 2), ("step-2", 2)],
            kept.Select(step => (step.GetProperty("stepName").GetString(), step.GetProperty("retries").GetInt32())));
    }

    [Fact]
    public async Task A_dead_lettered_run_carries_its_DLQ_id_and_completion_time()
    {
        await _harness.Server.Engine.DeadLetterAsync(FailedRun.For(Seed.Orders).WithDlqId("dlq-1").WithRunId("wfr_a").Build());

        HttpReply reply = await _harness.SendAsync(HttpMethod.Get, LogsPath + "?workflowRunId=wfr_a");

        JsonElement run = reply.Json.GetProperty("runs")[0];
        Assert.Equal(
            ("RUN_FAILED", FailedRun.DefaultFailedAt.ToUnixTimeMilliseconds(), "dlq-1", "STEP_FAILED"),
            (run.GetProperty("workflowState").GetString(), run.GetProperty("workflowRunCompletedAt").GetInt64(), run.GetProperty("dlqId").GetString(),
             run.GetProperty("steps")[1].GetProperty("steps")[0].GetProperty("state").GetString()));
    }

    [Fact]
    public async Task Logs_page_with_a_cursor_that_belongs_to_their_filters()
    {
        await _harness.Server.Engine.DeadLetterAsync(Seed.Entries(15));

        HttpReply first = await _harness.SendAsync(HttpMethod.Get, LogsPath + "?workflowUrl=" + Uri.EscapeDataString(Seed.Orders) + "&count=3");
        string cursor = first.Json.GetProperty("cursor").GetString()!;
        HttpReply rest = await _harness.SendAsync(HttpMethod.Get, $"{LogsPath}?workflowUrl={Uri.EscapeDataString(Seed.Orders)}&cursor={cursor}");
        HttpReply otherFilter = await _harness.SendAsync(HttpMethod.Get, $"{LogsPath}?workflowUrl={Uri.EscapeDataString(Seed.Billing)}&cursor={cursor}");

        Assert.Equal(3, RunIds(first).Count());
        Assert.Equal(10, RunIds(rest).Count());
        Assert.True(rest.Json.TryGetProperty("cursor", out _));
        Assert.Empty(RunIds(first).Intersect(RunIds(rest)));
        Assert.Equal(HttpStatusCode.BadRequest, otherFilter.Status);
        Assert.Equal("cursor is not valid for these filters; start without a cursor or reuse the filters it came from", otherFilter.Error);
    }

    [Fact]
    public async Task Every_filter_of_the_contract_selects_runs()
    {
        await _harness.Server.Engine.DeadLetterAsync(
            FailedRun.For(Seed.Orders).WithDlqId("dlq-1").WithRunId("wfr_a").WithLabels("eu").WithFlowControlKey("tenant-a", parallelism: 1).WithCallerIp("10.0.0.1").Build(),
            FailedRun.For(Seed.Billing).WithDlqId("dlq-2").WithRunId("wfr_b").WithLabels("us").FailedAt(Seed.T0.AddSeconds(5)).Build());
        await _harness.SendAsync(HttpMethod.Post, "/v2/workflows/dlq/resume/dlq-2");
        long aCreated = FailedRun.DefaultFailedAt.AddMinutes(-1).ToUnixTimeMilliseconds();

        var cases = new Dictionary<string, string[]>
        {
            ["workflowUrl=" + Uri.EscapeDataString(Seed.Billing)] = ["wfr_b", "wfr_test000001"],
            ["workflowRunId=wfr_a"] = ["wfr_a"],
            ["workflowCreatedAt=" + aCreated] = ["wfr_a"],
            [$"workflowRuns=wfr_b@{Seed.T0.AddSeconds(5).AddMinutes(-1).ToUnixTimeMilliseconds()},wfr_a@1&workflowUrl=x"] = ["wfr_b"],
            ["state=RUN_STARTED"] = ["wfr_test000001"],
            ["state=RUN_FAILED&label=us"] = ["wfr_b"],
            ["label=eu,us"] = ["wfr_a", "wfr_b", "wfr_test000001"],
            ["flowControlKey=tenant-a"] = ["wfr_a"],
            ["callerIp=10.0.0.1"] = ["wfr_a"],
            [$"fromDate={_harness.Clock.GetUtcNow().ToUnixTimeMilliseconds()}"] = ["wfr_test000001"],
            [$"toDate={aCreated}"] = ["wfr_a"],
        };

        foreach ((string query, string[] expected) in cases)
        {
            HttpReply reply = await _harness.SendAsync(HttpMethod.Get, LogsPath + "?" + query);
            Assert.True(reply.Status == HttpStatusCode.OK, query + ": " + reply.Body);
            Assert.True(expected.SequenceEqual(RunIds(reply)), $"{query}: {string.Join(", ", RunIds(reply))}");
        }
    }

    [Fact]
    public async Task TrimBody_cuts_bodies_to_whole_characters_or_leaves_them_out()
    {
        await _harness.Server.Engine.DeadLetterAsync(FailedRun.For(Seed.Orders).WithDlqId("dlq-1").WithRunId("wfr_a").WithBody("ab€cd").Build());

        string Initial(HttpReply reply) => reply.Json.GetProperty("runs")[0].GetProperty("steps")[0].GetProperty("steps")[0].TryGetProperty("out", out JsonElement value) ? value.GetString()! : "(none)";

        Assert.Equal("ab€cd", Initial(await _harness.SendAsync(HttpMethod.Get, LogsPath + "?workflowRunId=wfr_a")));
        Assert.Equal("ab", Initial(await _harness.SendAsync(HttpMethod.Get, LogsPath + "?workflowRunId=wfr_a&trimBody=4")));
        Assert.Equal("ab€", Initial(await _harness.SendAsync(HttpMethod.Get, LogsPath + "?workflowRunId=wfr_a&trimBody=5")));
        Assert.Equal("(none)", Initial(await _harness.SendAsync(HttpMethod.Get, LogsPath + "?workflowRunId=wfr_a&trimBody=-1")));
    }

    [Fact]
    public async Task A_step_waiting_for_its_retry_is_the_next_group_of_a_run_still_going()
    {
        RunRecord run = new()
        {
            WorkflowRunId = "wfr_going",
            WorkflowUrl = Seed.Orders,
            State = RunState.Started,
            CreatedAt = Seed.T0,
            Steps =
            [
                new StepRecord { StepId = 0, StepName = "init", StepType = StepType.Initial, State = StepState.Success, CreatedAt = Seed.T0 },
                new StepRecord
                {
                    StepId = 1, StepName = "charge", StepType = StepType.Run, State = StepState.Retry, CreatedAt = Seed.T0,
                    Details = new StepDetails { NextDeliveryTime = Seed.T0.AddSeconds(8) },
                },
            ],
        };
        await _harness.Server.Store.SaveRunAsync(run);

        HttpReply reply = await _harness.SendAsync(HttpMethod.Get, LogsPath + "?workflowRunId=wfr_going");

        JsonElement groups = reply.Json.GetProperty("runs")[0].GetProperty("steps");
        Assert.Equal(["sequential", "next"], groups.EnumerateArray().Select(group => group.GetProperty("type").GetString()));
        Assert.Equal(Seed.T0.AddSeconds(8).ToUnixTimeMilliseconds(), groups[1].GetProperty("steps")[0].GetProperty("nextDeliveryTime").GetInt64());
    }

    [Fact]
    public async Task The_official_sdks_events_path_answers_the_same_runs()
    {
        await _harness.Server.Engine.DeadLetterAsync(Seed.Entries(3));

        HttpReply logs = await _harness.SendAsync(HttpMethod.Get, LogsPath + "?count=2");
        HttpReply events = await _harness.SendAsync(HttpMethod.Get, "/v2/workflows/events?groupBy=workflowRunId&count=2");
        HttpReply noGrouping = await _harness.SendAsync(HttpMethod.Get, "/v2/workflows/events?count=2");

        Assert.Equal(HttpStatusCode.OK, events.Status);
        Assert.Equal(RunIds(logs), RunIds(events));
        Assert.Equal(HttpStatusCode.BadRequest, noGrouping.Status);
        Assert.StartsWith("groupBy must be workflowRunId", noGrouping.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?count=0", "count")]
    [InlineData("?count=x", "count")]
    [InlineData("?cursor=abc", "cursor")]
    [InlineData("?workflowRunId=a&workflowRunId=b", "workflowRunId")]
    [InlineData("?state=STEP_SUCCESS", "state")]
    [InlineData("?state=", "state")]
    [InlineData("?workflowRuns=wfr_a", "workflowRuns")]
    [InlineData("?workflowRuns=wfr_a@x", "workflowRuns")]
    [InlineData("?trimBody=-2", "trimBody")]
    [InlineData("?label=a,,b", "label")]
    [InlineData("?fromDate=5&toDate=4", "fromDate")]
    [InlineData("?workflowRunID=wfr_a", "workflowRunID")]
    [InlineData("?dlqId=x", "dlqId")]
    public async Task Bad_parameters_are_400_naming_the_parameter(string query, string parameter)
    {
        HttpReply reply = await _harness.SendAsync(HttpMethod.Get, LogsPath + query);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.StartsWith(parameter, reply.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_holds_ten_runs_at_most()
    {
        await _harness.Server.Engine.DeadLetterAsync(Seed.Entries(12));

        HttpReply reply = await _harness.SendAsync(HttpMethod.Get, LogsPath + "?count=100");

        Assert.Equal(10, RunIds(reply).Count());
        Assert.True(reply.Json.TryGetProperty("cursor", out _));
    }

    private static IEnumerable<string> RunIds(HttpReply reply) =>
        reply.Json.GetProperty("runs").EnumerateArray().Select(run => run.GetProperty("workflowRunId").GetString()!).ToArray();
}
