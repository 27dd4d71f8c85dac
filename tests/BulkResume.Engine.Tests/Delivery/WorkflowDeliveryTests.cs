using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BulkResume.Engine.Tests.Delivery.Support;

namespace BulkResume.Engine.Tests.Delivery;

/// <summary>The core loop over real HTTP on loopback: trigger, deliveries, step messages, the finishing call; retries, the DLQ and the failure call.</summary>
public sealed class WorkflowDeliveryTests : IAsyncDisposable
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);
    private readonly DlqTestServer _server = DlqTestServer.Create();
    private readonly HttpClient _http;
    private readonly SdkEndpoint _endpoint;

    public WorkflowDeliveryTests()
    {
        _http = _server.CreateHttpClient();
        _endpoint = new SdkEndpoint(_http, _server.Token, "step1", "step2", "step3");
    }

    public async ValueTask DisposeAsync()
    {
        await _endpoint.DisposeAsync();
        _http.Dispose();
        _server.Dispose();
    }

    [Fact]
    public async Task A_three_step_run_is_delivered_four_times_and_succeeds_with_the_finishing_calls_body_as_its_response()
    {
        string answer = await _endpoint.TriggerAsync("wfr_three", """{"order":1}""");
        await IdleAsync();

        Assert.Matches("""^\[\{"messageId":"msg_[a-z2-7]+"\}\]$""", answer);
        IReadOnlyList<ReceivedDelivery> deliveries = _endpoint.StepDeliveries;
        Assert.Equal([1, 2, 3, 4], deliveries.Select(delivery => delivery.Elements));
        Assert.Equal(["step1", "step2", "step3"], deliveries[^1].StepNames);
        Assert.All(deliveries, delivery =>
        {
            Assert.Equal("wfr_three", delivery.Headers["Upstash-Workflow-RunId"]);
            Assert.Equal("1", delivery.Headers["Upstash-Workflow-Sdk-Version"]);
            Assert.Equal("u1", delivery.Headers["x-user"]);
            Assert.Equal(_endpoint.Url, delivery.Headers["Upstash-Workflow-Url"]);
            Assert.Equal("0", delivery.Headers["Upstash-Retried"]);
            Assert.False(delivery.Headers.ContainsKey("Upstash-Signature"));
            Assert.Equal(JsonNode.Parse(delivery.Body)!.AsArray()[^1]!["messageId"]!.GetValue<string>(), delivery.Headers["Upstash-Message-Id"]);
        });
        Assert.Equal("""{"order":1}""", Encoding.UTF8.GetString(Convert.FromBase64String(JsonNode.Parse(deliveries[0].Body)![0]!["body"]!.GetValue<string>())));
        RunRecord run = (await _server.Store.GetRunAsync("wfr_three"))!;
        Assert.Equal(RunState.Success, run.State);
        Assert.Equal("\"done\"", run.Response);
        Assert.Empty(await _server.Store.GetDeliveriesAsync("wfr_three"));
    }

    [Fact]
    public async Task A_step_failing_past_its_retries_is_dead_lettered_with_its_history_and_its_failure_call_is_made()
    {
        _endpoint.Run = (name, _) => name == "step2" ? throw new InvalidOperationException("boom") : "out-" + name;
        await _endpoint.TriggerAsync("wfr_fail", "payload", retries: 2);
        await IdleAsync();

        ReceivedDelivery[] attempts = _endpoint.StepDeliveries.Where(delivery => delivery.Elements == 2).ToArray();
        Assert.Equal([0, 1, 2], attempts.Select(delivery => delivery.Retried));
        Assert.Single(attempts.Select(delivery => delivery.Text).Distinct());
        DlqEntry entry = Assert.Single((await _server.Engine.ListAsync(DlqSelection.All)).Entries);
        Assert.Equal("wfr_fail", entry.WorkflowRunId);
        Assert.Equal(attempts[0].Text, entry.Body);
        Assert.Equal(2, entry.MaxRetries);
        Assert.Equal(500, entry.ResponseStatus);
        Assert.Contains("boom", entry.ResponseBody, StringComparison.Ordinal);
        Assert.Equal(
            [("init", StepState.Success), ("step1", StepState.Success), ("step2", StepState.Failed)],
            entry.Steps.Select(step => (step.StepName, step.State)));
        Assert.Equal(RunState.Failed, (await _server.Store.GetRunAsync("wfr_fail"))!.State);

        ReceivedDelivery call = Assert.Single(_endpoint.FailureCalls);
        Assert.Equal("wfr_fail", call.Headers["Upstash-Workflow-RunId"]);
        Assert.Equal("true", call.Headers["Upstash-Workflow-Is-Failure"]);
        Assert.Equal("u1", call.Headers["x-user"]);
        Assert.Equal("failureCall", call.Headers["Upstash-Workflow-CallType"]);
        JsonElement body = JsonDocument.Parse(call.Body).RootElement;
        Assert.Equal(500, body.GetProperty("status").GetInt32());
        Assert.Contains("boom", Encoding.UTF8.GetString(Convert.FromBase64String(body.GetProperty("body").GetString()!)), StringComparison.Ordinal);
        Assert.Equal(2, body.GetProperty("retried").GetInt32());
        Assert.Equal(2, body.GetProperty("maxRetries").GetInt32());
        Assert.Equal(entry.DlqId, body.GetProperty("dlqId").GetString());
        Assert.Equal(entry.MessageId, body.GetProperty("sourceMessageId").GetString());
        Assert.Equal(_endpoint.Url, body.GetProperty("url").GetString());
        Assert.Equal("POST", body.GetProperty("method").GetString());
        Assert.Equal("payload", Encoding.UTF8.GetString(Convert.FromBase64String(body.GetProperty("sourceBody").GetString()!)));
        Assert.Equal("wfr_fail", body.GetProperty("workflowRunId").GetString());
        Assert.Equal(entry.WorkflowCreatedAt.ToUnixTimeMilliseconds(), body.GetProperty("workflowCreatedAt").GetInt64());
        Assert.Equal(CallbackState.Success, (await _server.Engine.GetAsync(entry.DlqId)).FailureCallbackState);
    }

    [Fact]
    public async Task A_489_non_retryable_answer_fails_the_run_at_once()
    {
        _endpoint.Override = delivery => !delivery.IsFailureCall && delivery.Elements == 2
            ? (489, new Dictionary<string, string> { ["Upstash-NonRetryable-Error"] = "true" })
            : null;
        await _endpoint.TriggerAsync("wfr_489", "p", retries: 3);
        await IdleAsync();

        Assert.Single(_endpoint.StepDeliveries, delivery => delivery.Elements == 2);
        DlqEntry entry = Assert.Single((await _server.Engine.ListAsync(DlqSelection.All)).Entries);
        Assert.Equal(489, entry.ResponseStatus);
        Assert.Single(_endpoint.FailureCalls);
    }

    [Fact]
    public async Task A_step_message_for_an_unknown_or_finished_run_is_refused_with_400()
    {
        await _endpoint.TriggerAsync("wfr_done", "p");
        await IdleAsync();
        string step = """[{"destination":"http://127.0.0.1:1/api/wf","headers":{"Upstash-Workflow-RunId":"RUN","upstash-workflow-init":"false"},"body":"{\"stepId\":1,\"stepName\":\"s\",\"stepType\":\"Run\",\"out\":\"1\",\"concurrent\":1}"}]""";

        using HttpResponseMessage unknown = await _endpoint.CallAsync(HttpMethod.Post, "/v2/batch", step.Replace("RUN", "wfr_nobody", StringComparison.Ordinal));
        using HttpResponseMessage finished = await _endpoint.CallAsync(HttpMethod.Post, "/v2/batch", step.Replace("RUN", "wfr_done", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("wfr_nobody is unknown", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, finished.StatusCode);
        Assert.Contains("RUN_SUCCESS", await finished.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_failure_call_is_kept_on_the_entry_and_made_again_by_the_callback_retry()
    {
        bool failureFunctionBroken = true;
        _endpoint.Run = (name, _) => name == "step1" ? throw new InvalidOperationException("no") : "x";
        _endpoint.Override = delivery => delivery.IsFailureCall && failureFunctionBroken ? (500, new Dictionary<string, string>()) : null;
        await _endpoint.TriggerAsync("wfr_callback", "p", retries: 0);
        await IdleAsync();
        DlqEntry entry = Assert.Single((await _server.Engine.ListAsync(DlqSelection.All)).Entries);
        Assert.Equal((CallbackState.Fail, 500), (entry.FailureCallbackState, entry.FailureCallbackInfo!.ResponseStatus));

        failureFunctionBroken = false;
        using HttpResponseMessage retried = await _endpoint.CallAsync(HttpMethod.Post, "/v2/workflows/dlq/callback/" + entry.DlqId, body: null);
        await IdleAsync();

        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(2, _endpoint.FailureCalls.Count);
        Assert.Equal(_endpoint.FailureCalls[0].Text, _endpoint.FailureCalls[1].Text);
        Assert.Equal(CallbackState.Success, (await _server.Engine.GetAsync(entry.DlqId)).FailureCallbackState);
    }

    [Fact]
    public async Task A_delivered_runs_logs_show_each_step_with_its_output_and_the_finished_runs_response()
    {
        await _endpoint.TriggerAsync("wfr_logs", "hello");
        await IdleAsync();

        using HttpResponseMessage logs = await _endpoint.CallAsync(HttpMethod.Get, "/v2/workflows/logs?workflowRunId=wfr_logs", body: null);
        JsonElement run = JsonDocument.Parse(await logs.Content.ReadAsStringAsync()).RootElement.GetProperty("runs")[0];

        Assert.Equal("RUN_SUCCESS", run.GetProperty("workflowState").GetString());
        Assert.Equal("\"done\"", run.GetProperty("workflowRunResponse").GetString());
        JsonElement[] steps = run.GetProperty("steps").EnumerateArray().Select(group =>
        {
            Assert.Equal("sequential", group.GetProperty("type").GetString());
            return Assert.Single(group.GetProperty("steps").EnumerateArray());
        }).ToArray();
        Assert.Equal(["init", "step1", "step2", "step3"], steps.Select(step => step.GetProperty("stepName").GetString()));
        Assert.Equal(["Initial", "Run", "Run", "Run"], steps.Select(step => step.GetProperty("stepType").GetString()));
        Assert.Equal(["hello", "\"out-step1\"", "\"out-step2\"", "\"out-step3\""], steps.Select(step => step.GetProperty("out").GetString()));
        Assert.All(steps, step => Assert.Equal("STEP_SUCCESS", step.GetProperty("state").GetString()));
    }

    [Fact]
    public async Task A_run_waiting_to_retry_shows_the_failing_step_as_next_and_its_dead_lettered_run_the_failed_step()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        using DlqTestServer server = DlqTestServer.Create(timeProvider: clock);
        using HttpClient http = server.CreateHttpClient();
        await using var endpoint = new SdkEndpoint(http, server.Token, "step1") { Run = (_, _) => throw new InvalidOperationException("broken") };
        await endpoint.TriggerAsync("wfr_next", "p", retries: 1, retryDelay: "60000");
        while ((await server.Store.GetRunAsync("wfr_next"))!.Steps.Count < 2)
        {
            await Task.Delay(5);
        }

        StepRecord retrying = (await server.Store.GetRunAsync("wfr_next"))!.Steps[^1];
        clock.Advance(TimeSpan.FromMinutes(1));
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await server.Deliveries.WaitUntilIdleAsync(guard.Token);

        Assert.Equal(("step1", StepState.Retry), (retrying.StepName, retrying.State));
        Assert.Equal(clock.GetUtcNow(), retrying.Details!.NextDeliveryTime);
        RunRecord failed = (await server.Store.GetRunAsync("wfr_next"))!;
        Assert.Equal(RunState.Failed, failed.State);
        Assert.Equal([("init", StepState.Success), ("step1", StepState.Failed)], failed.Steps.Select(step => (step.StepName, step.State)));
        Assert.Contains("broken", failed.Steps[^1].Out, StringComparison.Ordinal);
    }

    private async Task IdleAsync()
    {
        using var guard = new CancellationTokenSource(Guard);
        await _server.Deliveries.WaitUntilIdleAsync(guard.Token);
    }
}
