using System.Text.Json;
using BulkResume.Engine.Tests.Delivery.Support;

namespace BulkResume.Engine.Tests.Delivery;

/// <summary>Resume and restart of a delivered run: the new run's first delivery is the kept history (or the payload alone) under a new run id.</summary>
public sealed class ResumeDeliveryTests : IAsyncDisposable
{
    private readonly DlqTestServer _server = DlqTestServer.Create();
    private readonly HttpClient _http;
    private readonly SdkEndpoint _endpoint;
    private readonly Dictionary<string, int> _executed = new(StringComparer.Ordinal);
    private volatile bool _failStep3 = true;

    public ResumeDeliveryTests()
    {
        _http = _server.CreateHttpClient();
        _endpoint = new SdkEndpoint(_http, _server.Token, "step1", "step2", "step3", "step4")
        {
            Run = (name, _) =>
            {
                lock (_executed)
                {
                    _executed[name] = _executed.GetValueOrDefault(name) + 1;
                }

                return name == "step3" && _failStep3 ? throw new InvalidOperationException("step3 is broken") : "out-" + name;
            },
        };
    }

    public async ValueTask DisposeAsync()
    {
        await _endpoint.DisposeAsync();
        _http.Dispose();
        _server.Dispose();
    }

    [Fact]
    public async Task A_resumed_run_is_delivered_its_payload_and_kept_steps_under_a_new_run_id_and_runs_only_what_failed()
    {
        DlqEntry failed = await FailAsync();
        ReceivedDelivery failedDelivery = _endpoint.StepDeliveries.Last();

        using HttpResponseMessage resumed = await _endpoint.CallAsync(HttpMethod.Post, "/v2/workflows/dlq/resume?dlqIds=" + failed.DlqId, body: null);
        string newRunId = JsonDocument.Parse(await resumed.Content.ReadAsStringAsync()).RootElement.GetProperty("workflowRuns")[0].GetProperty("workflowRunId").GetString()!;
        await IdleAsync();

        Assert.StartsWith("wfr_", newRunId, StringComparison.Ordinal);
        Assert.NotEqual("wfr_r", newRunId);
        ReceivedDelivery first = _endpoint.StepDeliveries.First(delivery => delivery.Headers["Upstash-Workflow-RunId"] == newRunId);
        Assert.Equal(["step1", "step2"], first.StepNames);
        Assert.Equal("0", first.Headers["Upstash-Retried"]);
        Assert.Equal("u1", first.Headers["x-user"]);
        Assert.DoesNotContain(first.Headers["Upstash-Message-Id"], failedDelivery.Text, StringComparison.Ordinal);
        Assert.Equal(
            Bodies(failedDelivery),
            Bodies(first));
        Assert.Equal(new Dictionary<string, int> { ["step1"] = 1, ["step2"] = 1, ["step3"] = 2, ["step4"] = 1 }, _executed);
        Assert.Equal(RunState.Success, (await _server.Store.GetRunAsync(newRunId))!.State);
        Assert.Null(await _server.Store.GetAsync(failed.DlqId));
    }

    [Fact]
    public async Task A_restarted_run_is_delivered_its_payload_alone_with_the_overrides_applied()
    {
        DlqEntry failed = await FailAsync();

        using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/workflows/dlq/restart/" + failed.DlqId);
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + _server.Token);
        request.Headers.TryAddWithoutValidation("Upstash-Retries", "5");
        request.Headers.TryAddWithoutValidation("Upstash-Label", "again");
        using HttpResponseMessage restarted = await _http.SendAsync(request);
        string newRunId = JsonDocument.Parse(await restarted.Content.ReadAsStringAsync()).RootElement.GetProperty("workflowRunId").GetString()!;
        await IdleAsync();

        ReceivedDelivery[] deliveries = _endpoint.StepDeliveries.Where(delivery => delivery.Headers["Upstash-Workflow-RunId"] == newRunId).ToArray();
        Assert.Equal([1, 2, 3, 4, 5], deliveries.Select(delivery => delivery.Elements));
        Assert.All(deliveries, delivery => Assert.Equal("again", delivery.Headers["Upstash-Label"]));
        Assert.Equal(new Dictionary<string, int> { ["step1"] = 2, ["step2"] = 2, ["step3"] = 2, ["step4"] = 1 }, _executed);
        RunRecord run = (await _server.Store.GetRunAsync(newRunId))!;
        Assert.Equal((RunState.Success, 5, WorkflowRunOrigin.Restarted), (run.State, run.Configuration.Retries, run.Origin));
    }

    [Fact]
    public async Task A_resumed_run_that_fails_again_is_dead_lettered_again_and_can_be_resumed_again()
    {
        DlqEntry failed = await FailAsync(keepFailing: true);
        using HttpResponseMessage resumed = await _endpoint.CallAsync(HttpMethod.Post, "/v2/workflows/dlq/resume/" + failed.DlqId, body: null);
        await IdleAsync();
        DlqEntry again = Assert.Single((await _server.Engine.ListAsync(DlqSelection.All)).Entries);
        _failStep3 = false;

        using HttpResponseMessage second = await _endpoint.CallAsync(HttpMethod.Post, "/v2/workflows/dlq/resume/" + again.DlqId, body: null);
        await IdleAsync();

        Assert.NotEqual(failed.WorkflowRunId, again.WorkflowRunId);
        Assert.Equal(["init", "step1", "step2", "step3"], again.Steps.Select(step => step.StepName));
        Assert.Equal(new Dictionary<string, int> { ["step1"] = 1, ["step2"] = 1, ["step3"] = 3, ["step4"] = 1 }, _executed);
        Assert.Empty((await _server.Engine.ListAsync(DlqSelection.All)).Entries);
    }

    [Fact]
    public async Task Code_changed_before_the_failed_step_sends_the_resumed_run_back_to_the_DLQ_with_the_SDKs_error()
    {
        DlqEntry failed = await FailAsync();
        _endpoint.Steps = ["step1-renamed", "step2", "step3", "step4"];

        using HttpResponseMessage resumed = await _endpoint.CallAsync(HttpMethod.Post, "/v2/workflows/dlq/resume/" + failed.DlqId, body: null);
        await IdleAsync();

        DlqEntry again = Assert.Single((await _server.Engine.ListAsync(DlqSelection.All)).Entries);
        Assert.NotEqual(failed.DlqId, again.DlqId);
        Assert.Contains("Incompatible step name. Expected 'step1-renamed', got 'step1'", again.ResponseBody, StringComparison.Ordinal);
        StepRecord failedStep = again.Steps[^1];
        Assert.Equal(StepState.Failed, failedStep.State);
        Assert.Contains("Incompatible step name", failedStep.Out, StringComparison.Ordinal);
        Assert.Equal(new Dictionary<string, int> { ["step1"] = 1, ["step2"] = 1, ["step3"] = 1 }, _executed);
    }

    [Theory]
    [InlineData("/v2/workflows/dlq/resume?workflowUrl=")]
    [InlineData("/v2/workflows/dlq/resume/bulk?workflowUrl=")]
    public async Task A_bulk_resume_by_filter_sync_or_as_a_bulk_action_delivers_every_new_run_from_its_kept_steps(string path)
    {
        await _endpoint.TriggerAsync("wfr_b1", "one", retries: 0);
        await _endpoint.TriggerAsync("wfr_b2", "two", retries: 0);
        await IdleAsync();
        Assert.Equal(2, (await _server.Engine.ListAsync(DlqSelection.All)).Entries.Count);
        _failStep3 = false;

        using HttpResponseMessage resumed = await _endpoint.CallAsync(HttpMethod.Post, path + Uri.EscapeDataString(_endpoint.Url), body: null);
        await _server.BulkActions.WaitUntilIdleAsync();
        await IdleAsync();

        Assert.True(resumed.IsSuccessStatusCode, await resumed.Content.ReadAsStringAsync());
        Assert.Empty((await _server.Engine.ListAsync(DlqSelection.All)).Entries);
        ReceivedDelivery[] firsts = _endpoint.StepDeliveries
            .Where(delivery => delivery.Headers["Upstash-Workflow-RunId"] is not ("wfr_b1" or "wfr_b2"))
            .GroupBy(delivery => delivery.Headers["Upstash-Workflow-RunId"])
            .Select(run => run.First())
            .ToArray();
        Assert.Equal(2, firsts.Length);
        Assert.All(firsts, first => Assert.Equal(["step1", "step2"], first.StepNames));
        Assert.Equal(new Dictionary<string, int> { ["step1"] = 2, ["step2"] = 2, ["step3"] = 4, ["step4"] = 2 }, _executed);
    }

    /// <summary>A run that fails at step 3 into the DLQ; step 3 then works unless <paramref name="keepFailing"/>.</summary>
    private async Task<DlqEntry> FailAsync(bool keepFailing = false)
    {
        await _endpoint.TriggerAsync("wfr_r", "payload", retries: 0);
        await IdleAsync();
        DlqEntry failed = Assert.Single((await _server.Engine.ListAsync(DlqSelection.All)).Entries);
        _failStep3 = keepFailing;
        return failed;
    }

    private static string[] Bodies(ReceivedDelivery delivery) =>
        JsonDocument.Parse(delivery.Body).RootElement.EnumerateArray().Select(element => element.GetProperty("body").GetString()!).ToArray();

    private async Task IdleAsync()
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _server.Deliveries.WaitUntilIdleAsync(guard.Token);
    }
}
