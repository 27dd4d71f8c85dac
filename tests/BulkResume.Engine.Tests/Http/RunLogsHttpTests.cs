using System.Net;
using BulkResume.Engine.Testing;
using BulkResume.Engine.Tests.Support;

namespace BulkResume.Engine.Tests.Http;

public sealed class RunLogsHttpTests : IDisposable
{
    private const string LogsPath = "/v2/workflows/logs";
    private readonly HttpHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task A_resumed_run_reads_back_with_its_kept_steps_under_the_contract_names()
    {
        await _harness.Server.Engine.DeadLetterAsync(
            FailedRun.For(Seed.Orders).WithDlqId("dlq-1").WithRunId("wfr_a").WithBody("hello").FailedAtStep(2, of: 3).Build());
        await _harness.SendAsync(HttpMethod.Post, "/v2/workflows/dlq/resume/dlq-1");

        HttpReply reply = await _harness.SendAsync(HttpMethod.Get, LogsPath + "?workflowRunId=wfr_test000001");

        long now = _harness.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(
            $$"""{"runs":[{"workflowRunId":"wfr_test000001","workflowUrl":"https://example.com/api/orders","workflowState":"RUN_STARTED","workflowRunCreatedAt":{{now}},"steps":["""
            + """{"stepId":0,"stepName":"init","stepType":"Initial","out":"hello","concurrent":1,"state":"STEP_SUCCESS","createdAt":1752829235505},"""
            + """{"stepId":1,"stepName":"step-1","stepType":"Run","out":"\u0022result-1\u0022","concurrent":1,"state":"STEP_SUCCESS","createdAt":1752829235505}]}]}""",
            reply.Body);
    }

    [Fact]
    public async Task A_dead_lettered_run_carries_its_DLQ_id_and_completion_time()
    {
        await _harness.Server.Engine.DeadLetterAsync(FailedRun.For(Seed.Orders).WithDlqId("dlq-1").WithRunId("wfr_a").Build());

        HttpReply reply = await _harness.SendAsync(HttpMethod.Get, LogsPath + "?workflowRunId=wfr_a");

        var run = reply.Json.GetProperty("runs")[0];
        Assert.Equal(
            ("RUN_FAILED", FailedRun.DefaultFailedAt.ToUnixTimeMilliseconds(), "dlq-1", "STEP_FAILED"),
            (run.GetProperty("workflowState").GetString(), run.GetProperty("workflowRunCompletedAt").GetInt64(), run.GetProperty("dlqId").GetString(),
             run.GetProperty("steps")[1].GetProperty("state").GetString()));
    }

    [Fact]
    public async Task Logs_page_by_prefix_with_a_cursor_that_belongs_to_the_prefix()
    {
        await _harness.Server.Engine.DeadLetterAsync(Seed.Entries(15));

        HttpReply first = await _harness.SendAsync(HttpMethod.Get, LogsPath + "?workflowRunId=wfr_seed0001&count=3");
        string cursor = first.Json.GetProperty("cursor").GetString()!;
        HttpReply rest = await _harness.SendAsync(HttpMethod.Get, $"{LogsPath}?workflowRunId=wfr_seed0001&cursor={cursor}");
        HttpReply otherFilter = await _harness.SendAsync(HttpMethod.Get, $"{LogsPath}?workflowRunId=wfr_seed&cursor={cursor}");

        Assert.Equal(["wfr_seed00010", "wfr_seed00011", "wfr_seed00012"], RunIds(first));
        Assert.Equal(["wfr_seed00013", "wfr_seed00014"], RunIds(rest));
        Assert.False(rest.Json.TryGetProperty("cursor", out _));
        Assert.Equal(HttpStatusCode.BadRequest, otherFilter.Status);
        Assert.Equal(
            "cursor is not valid for this workflowRunId filter; start without a cursor or reuse the workflowRunId it came from",
            otherFilter.Error);
    }

    [Theory]
    [InlineData("?count=0", "count")]
    [InlineData("?count=x", "count")]
    [InlineData("?cursor=abc", "cursor")]
    [InlineData("?workflowRunId=a&workflowRunId=b", "workflowRunId")]
    public async Task Bad_parameters_are_400_naming_the_parameter(string query, string parameter)
    {
        HttpReply reply = await _harness.SendAsync(HttpMethod.Get, LogsPath + query);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.StartsWith(parameter, reply.Error, StringComparison.Ordinal);
    }

    private static IEnumerable<string> RunIds(HttpReply reply) =>
        reply.Json.GetProperty("runs").EnumerateArray().Select(run => run.GetProperty("workflowRunId").GetString()!);
}
