using System.Net;
using BulkResume.Engine.Tests.Support;

namespace BulkResume.Engine.Tests.Http;

public sealed class RunActionsHttpTests : IDisposable
{
    private const string Dlq = "/v2/workflows/dlq";
    private readonly HttpHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    private long Now => _harness.Clock.GetUtcNow().ToUnixTimeMilliseconds();

    [Fact]
    public async Task Resume_one_answers_the_new_run_and_applies_override_headers()
    {
        await _harness.Server.Engine.DeadLetterAsync(FailedRun.For(Seed.Orders).WithDlqId("dlq-1").FailedAtStep(2, of: 3).Build());

        HttpReply reply = await _harness.SendAsync(HttpMethod.Post, Dlq + "/resume/dlq-1", request => request.Headers.Add("Upstash-Retries", "7"));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal($$"""{"workflowRunId":"wfr_test000001","workflowCreatedAt":{{Now}}}""", reply.Body);
        RunRecord run = (await _harness.Server.Store.GetRunAsync("wfr_test000001"))!;
        Assert.Equal((WorkflowRunOrigin.Resumed, 7, 2), (run.Origin, run.Configuration.Retries, run.Steps.Count));
        Assert.Equal(0, await _harness.DlqCountAsync());
    }

    [Fact]
    public async Task Restart_one_answers_the_new_run_which_has_no_steps()
    {
        await _harness.Server.Engine.DeadLetterAsync(FailedRun.For(Seed.Orders).WithDlqId("dlq-1").FailedAtStep(2, of: 3).Build());

        HttpReply reply = await _harness.SendAsync(HttpMethod.Post, Dlq + "/restart/dlq-1", request =>
        {
            request.Headers.Add("Upstash-Flow-Control-Key", "k2");
            request.Headers.Add("Upstash-Flow-Control-Value", "parallelism=1");
        });

        Assert.Equal($$"""{"workflowRunId":"wfr_test000001","workflowCreatedAt":{{Now}}}""", reply.Body);
        RunRecord run = (await _harness.Server.Store.GetRunAsync("wfr_test000001"))!;
        Assert.Equal((WorkflowRunOrigin.Restarted, "k2", "dlq-1"), (run.Origin, run.Configuration.FlowControlKey, run.SourceDlqId));
        Assert.Empty(run.Steps);
    }

    [Fact]
    public async Task Bulk_restart_answers_like_bulk_resume_with_a_cursor_until_done()
    {
        await _harness.Server.Engine.DeadLetterAsync(Seed.Entries(3));

        HttpReply first = await _harness.SendAsync(HttpMethod.Post, Dlq + "/restart?count=2");
        string cursor = first.Json.GetProperty("cursor").GetString()!;
        HttpReply last = await _harness.SendAsync(HttpMethod.Post, Dlq + "/restart?count=2&cursor=" + cursor);

        Assert.Equal(
            $$"""{"cursor":"{{cursor}}","workflowRuns":[{"workflowRunId":"wfr_test000001","workflowCreatedAt":{{Now}}},{"workflowRunId":"wfr_test000002","workflowCreatedAt":{{Now}}}]}""",
            first.Body);
        Assert.Equal($$"""{"workflowRuns":[{"workflowRunId":"wfr_test000003","workflowCreatedAt":{{Now}}}]}""", last.Body);
        Assert.Equal(3, (await _harness.Server.Store.GetStatisticsAsync()).RunsByOrigin[WorkflowRunOrigin.Restarted]);
    }

    /// <summary>The ids in the query, as the service's pages still describe it (the SDK sends them to <c>/restart/multi</c>).</summary>
    [Fact]
    public async Task Bulk_restart_by_ids_in_the_query_answers_every_run_at_once_with_the_override_headers_applied()
    {
        await _harness.Server.Engine.DeadLetterAsync(Seed.Entries(3));

        HttpReply reply = await _harness.SendAsync(HttpMethod.Post, Dlq + "/restart?dlqIds=dlq-00002&dlqIds=dlq-00000", request =>
        {
            request.Headers.Add("Upstash-Label", "restarted");
            request.Headers.Add("Upstash-Delay", "5m");
        });

        Assert.Equal(
            $$"""{"workflowRuns":[{"workflowRunId":"wfr_test000001","workflowCreatedAt":{{Now}}},{"workflowRunId":"wfr_test000002","workflowCreatedAt":{{Now}}}]}""",
            reply.Body);
        RunRecord run = (await _harness.Server.Store.GetRunAsync("wfr_test000001"))!;
        Assert.Equal((WorkflowRunOrigin.Restarted, "dlq-00002", TimeSpan.FromMinutes(5)), (run.Origin, run.SourceDlqId, run.Configuration.Delay));
        Assert.Equal(["restarted"], run.Labels);
        Assert.Equal("dlq-00000", (await _harness.Server.Store.GetRunAsync("wfr_test000002"))!.SourceDlqId);
        Assert.Equal(1, await _harness.DlqCountAsync());
    }

    [Theory]
    [InlineData("/resume/nope")]
    [InlineData("/restart/nope")]
    [InlineData("/callback/nope")]
    public async Task A_missing_id_is_404_naming_it_and_changes_nothing(string path)
    {
        await _harness.Server.Engine.DeadLetterAsync(FailedRun.For(Seed.Orders).WithDlqId("dlq-1")
            .WithFailureCallback("https://example.com/cb", CallbackState.Fail).Build());

        HttpReply reply = await _harness.SendAsync(HttpMethod.Post, Dlq + path);

        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.Equal("""{"error":"DLQ message nope was not found"}""", reply.Body);
        Assert.Equal(CallbackState.Fail, (await _harness.Server.Store.GetAsync("dlq-1"))!.FailureCallbackInfo!.State);
        Assert.Equal(1, (await _harness.Server.Store.GetStatisticsAsync()).RunsByOrigin.Values.Sum());
    }

    [Fact]
    public async Task A_bad_override_header_on_one_entry_is_400_and_changes_nothing()
    {
        await _harness.Server.Engine.DeadLetterAsync(Seed.Entries(1));

        HttpReply reply = await _harness.SendAsync(
            HttpMethod.Post, Dlq + "/restart/dlq-00000", request =>
            {
                request.Headers.Add("Upstash-Flow-Control-Key", "k");
                request.Headers.Add("Upstash-Flow-Control-Value", "rate=0");
            });

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.StartsWith("Upstash-Flow-Control-Value rate must be at least 1", reply.Error, StringComparison.Ordinal);
        Assert.Equal(1, await _harness.DlqCountAsync());
    }

    [Fact]
    public async Task Retrying_a_failed_callback_answers_the_entry_run_and_a_second_retry_is_400()
    {
        DlqEntry entry = FailedRun.For(Seed.Orders).WithDlqId("dlq-1").WithRunId("wfr_a")
            .WithFailureCallback("https://example.com/cb", CallbackState.Fail).Build();
        await _harness.Server.Engine.DeadLetterAsync(entry);

        HttpReply first = await _harness.SendAsync(HttpMethod.Post, Dlq + "/callback/dlq-1");
        HttpReply second = await _harness.SendAsync(HttpMethod.Post, Dlq + "/callback/dlq-1");

        Assert.Equal($$"""{"workflowRunId":"wfr_a","workflowCreatedAt":{{entry.WorkflowCreatedAt.ToUnixTimeMilliseconds()}}}""", first.Body);
        Assert.Equal(HttpStatusCode.BadRequest, second.Status);
        Assert.Equal(
            "The failure callback of DLQ message dlq-1 is CALLBACK_INPROGRESS; only a failed callback (CALLBACK_FAIL) can be retried.",
            second.Error);
        HttpReply message = await _harness.SendAsync(HttpMethod.Get, Dlq + "/dlq-1");
        Assert.Equal("CALLBACK_INPROGRESS", message.Json.GetProperty("failureCallbackInfo").GetProperty("state").GetString());
    }

    [Fact]
    public async Task Of_concurrent_callback_retries_over_HTTP_one_is_200_and_the_others_400()
    {
        await _harness.Server.Engine.DeadLetterAsync(FailedRun.For(Seed.Orders).WithDlqId("dlq-1")
            .WithFailureCallback("https://example.com/cb", CallbackState.Fail).Build());

        HttpReply[] replies = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => _harness.SendAsync(HttpMethod.Post, Dlq + "/callback/dlq-1"))));

        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest],
            replies.Select(reply => reply.Status).Order());
    }
}
