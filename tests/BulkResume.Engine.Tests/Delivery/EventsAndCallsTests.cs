using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using BulkResume.Engine.Tests.Delivery.Support;
using Microsoft.Extensions.Time.Testing;

namespace BulkResume.Engine.Tests.Delivery;

/// <summary>
/// Waits and notifies, <c>context.call</c>, the REST triggers and the features refused with 412, over real HTTP on
/// loopback: the endpoints stand in for the SDK (recording each delivery), the service is the real engine.
/// </summary>
public sealed class EventsAndCallsTests : IAsyncDisposable
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly DlqTestServer _server;
    private readonly HttpClient _http;
    private readonly SdkEndpoint _endpoint;

    public EventsAndCallsTests()
    {
        _server = DlqTestServer.Create(timeProvider: _clock);
        _http = _server.CreateHttpClient();

        // The workflow only records what it is delivered; each test publishes the SDK's messages itself.
        _endpoint = new SdkEndpoint(_http, _server.Token) { Override = _ => (200, []) };
    }

    public async ValueTask DisposeAsync()
    {
        await _endpoint.DisposeAsync();
        _http.Dispose();
        _server.Dispose();
    }

    [Fact]
    public async Task A_notified_wait_delivers_its_step_with_the_event_data_and_the_waiter_is_gone()
    {
        await StartAsync("wfr_wait");
        Assert.Equal(HttpStatusCode.OK, (await WaitAsync("wfr_wait", "order-1", "60s")).StatusCode);

        JsonArray waiters = await JsonAsync(HttpMethod.Get, "/v2/waiters/order-1", null, HttpStatusCode.OK);
        JsonNode waiter = Assert.Single(waiters)!;
        Assert.Equal(_endpoint.Url, waiter["url"]!.GetValue<string>());
        Assert.Equal(_clock.GetUtcNow().AddSeconds(60).ToUnixTimeSeconds(), waiter["deadline"]!.GetValue<long>());
        Assert.Equal("wfr_wait", waiter["headers"]!.AsObject().Single(header => header.Key.Equals("Upstash-Workflow-RunId", StringComparison.OrdinalIgnoreCase)).Value![0]!.GetValue<string>());

        JsonArray notified = await JsonAsync(HttpMethod.Post, "/v2/notify/order-1", """{"paid":true}""", HttpStatusCode.Created);
        await IdleAsync();

        JsonNode answer = Assert.Single(notified)!;
        Assert.Equal("wfr_wait", answer["workflowRunId"]!.GetValue<string>());
        Assert.Equal(_endpoint.Url, answer["waiter"]!["url"]!.GetValue<string>());
        ReceivedDelivery delivery = _endpoint.Received[^1];
        Assert.Equal(2, delivery.Elements);
        Assert.Equal(answer["messageId"]!.GetValue<string>(), delivery.Headers["Upstash-Message-Id"]);
        Assert.Equal("1", delivery.Headers["Upstash-Workflow-Sdk-Version"]);
        Assert.Equal(
            """{"stepId":1,"stepType":"Wait","stepName":"wait","concurrent":1,"waitEventId":"order-1","timeout":"60s","out":"eyJwYWlkIjp0cnVlfQ==","waitTimeout":false}""",
            LastStep(delivery));
        Assert.Empty(await JsonAsync(HttpMethod.Get, "/v2/waiters/order-1", null, HttpStatusCode.OK));
        Assert.Empty(await JsonAsync(HttpMethod.Post, "/v2/notify/order-1", "again", HttpStatusCode.Created));
    }

    [Fact]
    public async Task A_wait_past_its_deadline_delivers_its_step_timed_out_with_the_timeout_headers_and_a_later_notify_finds_none()
    {
        await StartAsync("wfr_late");
        await WaitAsync("wfr_late", "never", "60s");

        _clock.Advance(TimeSpan.FromSeconds(61));
        await IdleAsync();

        ReceivedDelivery delivery = _endpoint.Received[^1];
        Assert.Equal(2, delivery.Elements);
        Assert.Equal(
            """{"stepId":1,"stepType":"Wait","stepName":"wait","concurrent":1,"waitEventId":"never","timeout":"60s","waitTimeout":true}""",
            LastStep(delivery));
        Assert.Equal("on-timeout", delivery.Headers["X-Timeout"]);
        Assert.Empty(await JsonAsync(HttpMethod.Post, "/v2/notify/never", "late", HttpStatusCode.Created));
    }

    [Fact]
    public async Task A_call_is_made_to_the_third_party_and_its_answer_delivered_to_the_workflow_as_the_callback()
    {
        await using var thirdParty = new SdkEndpoint(_http, _server.Token) { Override = _ => (201, []) };
        await StartAsync("wfr_call");
        var headers = new JsonObject
        {
            ["upstash-method"] = "PUT",
            ["content-type"] = "application/json",
            ["upstash-workflow-calltype"] = "toCallback",
            ["upstash-workflow-runid"] = "wfr_call",
            ["upstash-workflow-init"] = "false",
            ["upstash-workflow-url"] = _endpoint.Url,
            ["upstash-workflow-sdk-version"] = "1",
            ["upstash-feature-set"] = "WF_NoDelete,InitialBody",
            ["upstash-retries"] = "0",
            ["upstash-forward-x-api-key"] = "k1",
            ["upstash-callback"] = _endpoint.Url,
            ["upstash-callback-workflow-runid"] = "wfr_call",
            ["upstash-callback-workflow-calltype"] = "fromCallback",
            ["upstash-callback-workflow-init"] = "false",
            ["upstash-callback-workflow-url"] = _endpoint.Url,
            ["upstash-callback-feature-set"] = "LazyFetch,InitialBody,WF_DetectTrigger,WF_TriggerOnConfig",
            ["upstash-callback-forward-upstash-workflow-callback"] = "true",
            ["upstash-callback-forward-upstash-workflow-stepid"] = "1",
            ["upstash-callback-forward-upstash-workflow-stepname"] = "call",
            ["upstash-callback-forward-upstash-workflow-steptype"] = "Call",
            ["upstash-callback-forward-upstash-workflow-concurrent"] = "1",
            ["upstash-callback-forward-upstash-workflow-contenttype"] = "application/json",
        };
        var batch = new JsonArray(new JsonObject { ["destination"] = thirdParty.Url, ["headers"] = headers, ["body"] = new JsonObject { ["q"] = 1 } });
        using (HttpResponseMessage published = await _endpoint.CallAsync(HttpMethod.Post, "/v2/batch", batch.ToJsonString()))
        {
            Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        }

        await IdleAsync();

        ReceivedDelivery call = Assert.Single(thirdParty.Received);
        Assert.Equal("""{"q":1}""", call.Text);
        Assert.Equal("k1", call.Headers["x-api-key"]);
        ReceivedDelivery callback = _endpoint.Received[^1];
        Assert.Equal("true", callback.Headers["Upstash-Workflow-Callback"]);
        Assert.Equal("wfr_call", callback.Headers["Upstash-Workflow-RunId"]);
        Assert.Equal("1", callback.Headers["Upstash-Workflow-StepId"]);
        Assert.Equal("Call", callback.Headers["Upstash-Workflow-StepType"]);
        Assert.Equal("fromCallback", callback.Headers["Upstash-Workflow-CallType"]);
        Assert.False(callback.Headers.ContainsKey("Upstash-Workflow-Sdk-Version"));
        JsonNode body = JsonNode.Parse(callback.Body)!;
        Assert.Equal(201, body["status"]!.GetValue<int>());
        Assert.Equal("""{"error":"Forced","message":"forced by the test"}""", Encoding.UTF8.GetString(Convert.FromBase64String(body["body"]!.GetValue<string>())));
        Assert.Equal((0, 0), (body["retried"]!.GetValue<int>(), body["maxRetries"]!.GetValue<int>()));
        Assert.Equal(thirdParty.Url, body["url"]!.GetValue<string>());
        Assert.Equal("PUT", body["method"]!.GetValue<string>());
        RunRecord run = (await _server.Store.GetRunAsync("wfr_call"))!;
        Assert.Equal(["step", "toCallback", "fromCallback"], run.Delivered!.History.Select(step => step.CallType));
        Assert.Equal(run.Delivered.History[^1].MessageId, callback.Headers["Upstash-Message-Id"]);
    }

    [Theory]
    [InlineData("POST", "/v2/publish/http://127.0.0.1:1/api/wf/child", "Upstash-Workflow-Invoke", "context.invoke")]
    [InlineData("POST", "/v2/workflows/hooks/user/wfr_1/event-1", null, "Webhooks")]
    [InlineData("GET", "/v2/workflows/hooks/user/wfr_1/event-1", null, "Webhooks")]
    [InlineData("POST", "/v2/notify/wfr_1/event-1", null, "one workflow run")]
    public async Task A_feature_the_emulator_does_not_implement_is_refused_with_412_naming_it(string method, string path, string? header, string named)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + _server.Token);
        request.Headers.TryAddWithoutValidation("Upstash-Workflow-RunId", "wfr_1");
        if (header is not null)
        {
            request.Headers.TryAddWithoutValidation(header, "true");
        }

        if (method == "POST")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        using HttpResponseMessage response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Contains(named, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wait_for_a_webhook_is_refused_with_412_and_nothing_waits()
    {
        await StartAsync("wfr_hook");

        using HttpResponseMessage response = await WaitAsync("wfr_hook", "hook-1", "60s", stepType: "WaitForWebhook");

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Contains("waitForWebhook", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await JsonAsync(HttpMethod.Get, "/v2/waiters/hook-1", null, HttpStatusCode.OK));
    }

    [Fact]
    public async Task A_rest_trigger_starts_a_run_delivered_with_protocol_version_1_its_settings_and_forwarded_headers()
    {
        await using var workflow = new SdkEndpoint(_http, _server.Token, "step1", "step2");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/trigger/" + workflow.Url) { Content = new StringContent("""{"order":7}""", Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + _server.Token);
        request.Headers.TryAddWithoutValidation("Upstash-Workflow-RunId", "wfr_rest");
        request.Headers.TryAddWithoutValidation("Upstash-Retries", "1");
        request.Headers.TryAddWithoutValidation("Upstash-Label", "eu");
        request.Headers.TryAddWithoutValidation("Upstash-Forward-X-Tenant", "acme");

        using HttpResponseMessage response = await _http.SendAsync(request);
        string answer = await response.Content.ReadAsStringAsync();
        await IdleAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($$"""{"workflowRunId":"wfr_rest","workflowCreatedAt":{{_clock.GetUtcNow().ToUnixTimeMilliseconds()}}}""", answer);
        Assert.Equal([1, 2, 3], workflow.StepDeliveries.Select(delivery => delivery.Elements));
        Assert.All(workflow.StepDeliveries, delivery =>
        {
            Assert.Equal("1", delivery.Headers["Upstash-Workflow-Sdk-Version"]);
            Assert.Equal("acme", delivery.Headers["X-Tenant"]);
            Assert.Equal("eu", delivery.Headers["Upstash-Label"]);
            Assert.False(delivery.Headers.ContainsKey("Upstash-Workflow-Unknown-Sdk"));
        });
        RunRecord run = (await _server.Store.GetRunAsync("wfr_rest"))!;
        Assert.Equal(RunState.Success, run.State);
        Assert.Equal(1, run.Configuration.Retries);
    }

    [Fact]
    public async Task A_batch_trigger_starts_each_run_in_order_and_answers_a_known_run_id_as_deduplicated()
    {
        await StartAsync("wfr_known");
        var batch = new JsonArray(
            new JsonObject { ["destination"] = _endpoint.Url, ["headers"] = new JsonObject { ["Upstash-Workflow-RunId"] = "wfr_known" }, ["body"] = "a" },
            new JsonObject { ["destination"] = _endpoint.Url, ["headers"] = new JsonObject { ["Upstash-Workflow-RunId"] = "wfr_new" }, ["body"] = "b" });

        JsonArray answer = await JsonAsync(HttpMethod.Post, "/v2/batch/trigger", batch.ToJsonString(), HttpStatusCode.Created);
        await IdleAsync();

        Assert.Equal([("wfr_known", true), ("wfr_new", false)], answer.Select(run => (run!["workflowRunId"]!.GetValue<string>(), run["deduplicated"]!.GetValue<bool>())));
        ReceivedDelivery delivery = Assert.Single(_endpoint.Received, received => received.Headers["Upstash-Workflow-RunId"] == "wfr_new");
        Assert.Equal("b", Encoding.UTF8.GetString(Convert.FromBase64String(JsonNode.Parse(delivery.Body)![0]!["body"]!.GetValue<string>())));
    }

    /// <summary>Triggers a run as the SDK does and lets its first delivery (the initial payload alone) arrive.</summary>
    private async Task StartAsync(string runId)
    {
        await _endpoint.TriggerAsync(runId, "payload");
        await IdleAsync();
    }

    /// <summary>Publishes <c>context.waitForEvent</c> for step 1 of <paramref name="runId"/>, as the SDK does.</summary>
    private async Task<HttpResponseMessage> WaitAsync(string runId, string eventId, string timeout, string stepType = "Wait")
    {
        var body = new JsonObject
        {
            ["url"] = _endpoint.Url,
            ["timeout"] = timeout,
            ["timeoutUrl"] = _endpoint.Url,
            ["timeoutHeaders"] = new JsonObject
            {
                ["Upstash-Workflow-Runid"] = new JsonArray(runId),
                ["Upstash-Forward-X-Timeout"] = new JsonArray("on-timeout"),
            },
            ["step"] = new JsonObject { ["stepId"] = 1, ["stepType"] = stepType, ["stepName"] = "wait", ["concurrent"] = 1 },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/wait/" + eventId) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + _server.Token);
        request.Headers.TryAddWithoutValidation("Upstash-Workflow-RunId", runId);
        request.Headers.TryAddWithoutValidation("Upstash-Workflow-CallType", "step");
        return await _http.SendAsync(request);
    }

    private async Task<JsonArray> JsonAsync(HttpMethod method, string path, string? body, HttpStatusCode expected)
    {
        using HttpResponseMessage response = await _endpoint.CallAsync(method, path, body);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{method} {path} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsArray();
    }

    private static string LastStep(ReceivedDelivery delivery) =>
        Encoding.UTF8.GetString(Convert.FromBase64String(JsonNode.Parse(delivery.Body)!.AsArray()[^1]!["body"]!.GetValue<string>()));

    private async Task IdleAsync()
    {
        using var guard = new CancellationTokenSource(Guard);
        await _server.Deliveries.WaitUntilIdleAsync(guard.Token);
    }
}
