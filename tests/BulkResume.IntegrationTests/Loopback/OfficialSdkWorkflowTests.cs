using System.Text.Json;
using System.Text.Json.Nodes;
using BulkResume.IntegrationTests.Support;

namespace BulkResume.IntegrationTests.Loopback;

/// <summary>
/// Issue 27's promise with real workflow code: an unchanged endpoint on the official TypeScript SDK (tests/OfficialSdk/
/// workflow-app.mjs: step1..step4, step3 failing while a flag is set, a failure function), runs triggered with the
/// official client, delivered by the emulator over loopback until they fail into the DLQ, then resumed or restarted with
/// our C# client. What the workflow's code executed is counted at the endpoint, inside the steps, never taken from the
/// emulator: a resumed run must execute step 3 and 4 only, a restarted one every step.
/// </summary>
public sealed class OfficialSdkWorkflowTests(OfficialSdkWorkflowTests.SignedGenericEndpoint shared) : IClassFixture<OfficialSdkWorkflowTests.SignedGenericEndpoint>
{
    private static readonly string[] FourSteps = ["step1", "step2", "step3", "step4"];

    [SkippableFact]
    public async Task A_hundred_runs_fail_at_step3_into_the_dlq_and_a_bulk_resume_continues_each_from_step3()
    {
        SdkEndpoint endpoint = await shared.GetAsync();
        Failed failed = await FailAsync(endpoint, "hundred", 100);

        JsonElement state = await ResumeAllAsync(endpoint, failed);

        Assert.Equal(new Dictionary<string, int> { ["step1"] = 100, ["step2"] = 100, ["step3"] = 400, ["step4"] = 100 }, Totals(state));
        await AssertEachNewRunLogsItsStepsAsync(endpoint, failed, state, FourSteps);
    }

    [SkippableFact]
    public async Task A_delivery_without_the_emulators_signature_is_refused_by_the_endpoint()
    {
        SdkEndpoint endpoint = await shared.GetAsync();

        var (status, body) = await endpoint.App.PostUnsignedAsync(endpoint.App.WorkflowUrl("unsigned"), """[{"messageId":"m","body":"eyJpZCI6InUifQ==","callType":"step"}]""");

        Assert.Equal(500, status);
        Assert.Contains("Failed to verify that the Workflow request comes from QStash", body, StringComparison.Ordinal);
        Assert.Empty(Counts(await endpoint.App.StateAsync(), "u"));
    }

    [SkippableFact]
    public async Task A_restart_executes_every_step_again_from_the_original_payload()
    {
        SdkEndpoint endpoint = await shared.GetAsync();
        Failed failed = await FailAsync(endpoint, "restart", 5);
        await endpoint.App.SetAsync(new { failStep3 = false });

        var restarted = new List<string>();
        foreach (DlqMessage entry in failed.Entries)
        {
            restarted.Add((await endpoint.Client.Dlq.RestartAsync(entry.DlqId)).WorkflowRunId);
        }

        JsonElement state = await WaitUntilFinishedAsync(endpoint, failed, restarted);
        foreach (string id in failed.Ids)
        {
            Assert.Equal(new Dictionary<string, int> { ["step1"] = 2, ["step2"] = 2, ["step3"] = 4, ["step4"] = 1 }, Counts(state, id));
        }

        await AssertEachNewRunLogsItsStepsAsync(endpoint, failed, state, FourSteps);
    }

    [SkippableFact]
    public async Task A_step_added_after_the_failed_step_is_run_by_the_resumed_run()
    {
        SdkEndpoint endpoint = await shared.GetAsync();
        Failed failed = await FailAsync(endpoint, "added-step5", 3);
        await endpoint.App.SetAsync(new { variant = "added-step5" });

        JsonElement state = await ResumeAllAsync(endpoint, failed, extraSteps: new() { ["step5"] = 1 });

        await AssertEachNewRunLogsItsStepsAsync(endpoint, failed, state, [.. FourSteps, "step5"]);
    }

    [SkippableFact]
    public async Task A_step_renamed_before_the_failed_step_sends_the_resumed_run_back_to_the_dlq_with_the_sdks_message()
    {
        SdkEndpoint endpoint = await shared.GetAsync();
        Failed failed = await FailAsync(endpoint, "renamed-step2", 2);
        await endpoint.App.SetAsync(new { failStep3 = false, variant = "renamed-step2" });
        const string Incompatible = "Incompatible step name. Expected 'step2-renamed', got 'step2' from the request";

        string[] resumed = await ResumeAsync(endpoint, failed);

        IReadOnlyList<DlqMessage> again = await endpoint.WaitForDlqAsync(failed.Url, failed.Ids.Count);
        Assert.Equal(resumed.Order(StringComparer.Ordinal), again.Select(entry => entry.WorkflowRunId).Order(StringComparer.Ordinal));
        JsonElement state = await endpoint.WaitForAppAsync("the second failure call of each run", s => failed.Ids.All(id => Failures(s, id).Length == 2));
        foreach (DlqMessage entry in again)
        {
            Assert.Equal(500, entry.ResponseStatus);
            Assert.Contains(Incompatible, entry.ResponseBody, StringComparison.Ordinal);

            WorkflowRun run = await endpoint.WaitForFinishedRunAsync(entry.WorkflowRunId);
            Assert.Equal(WorkflowRunState.Failed, run.State);
            Assert.Equal(entry.DlqId, run.DlqId);
            Assert.Contains(run.Steps, step => step.Output?.Contains(Incompatible, StringComparison.Ordinal) == true);
        }

        foreach (string id in failed.Ids)
        {
            // The SDK refused before running anything: no step of the changed code executed.
            Assert.Equal(new Dictionary<string, int> { ["step1"] = 1, ["step2"] = 1, ["step3"] = 3 }, Counts(state, id));
            JsonElement second = Failures(state, id)[1];
            Assert.Contains(Incompatible, second.GetProperty("failResponse").GetString(), StringComparison.Ordinal);
            Assert.Contains(second.GetProperty("workflowRunId").GetString(), resumed);
        }
    }

    [SkippableFact]
    public async Task An_endpoint_checking_other_keys_refuses_every_delivery_and_the_run_fails_into_the_dlq()
    {
        await using SdkEndpoint endpoint = await SdkEndpoint.StartAsync("generic", signed: true, endpointKeys: new("sig_someone_else_current", "sig_someone_else_next"));
        Uri url = endpoint.App.WorkflowUrl("other-keys");

        await endpoint.TriggerAsync(url, ["other-keys-0"]);

        DlqMessage entry = Assert.Single(await endpoint.WaitForDlqAsync(url, 1));
        Assert.Equal(500, entry.ResponseStatus);
        Assert.Contains("Failed to verify that the Workflow request comes from QStash", entry.ResponseBody, StringComparison.Ordinal);
        Assert.Empty(Counts(await endpoint.App.StateAsync(), "other-keys-0"));
    }

    /// <summary>
    /// The resume scenario on other endpoints: unsigned on both sides (the emulator has no keys, the app checks nothing),
    /// and behind the SDK's Express adapter, which parses the JSON and checks the signature against its re-serialised
    /// <c>JSON.stringify</c> form, so the emulator's delivered bytes must already be in that form.
    /// </summary>
    [SkippableTheory]
    [InlineData("generic", false, 5)]
    [InlineData("express", true, 10)]
    public async Task A_resume_continues_from_step3_on_an_unsigned_endpoint_and_behind_the_express_adapter(string mode, bool signed, int runs)
    {
        await using SdkEndpoint endpoint = await SdkEndpoint.StartAsync(mode, signed);
        Failed failed = await FailAsync(endpoint, $"{mode}-{(signed ? "signed" : "unsigned")}", runs);

        JsonElement state = await ResumeAllAsync(endpoint, failed);

        await AssertEachNewRunLogsItsStepsAsync(endpoint, failed, state, FourSteps);
    }

    [SkippableFact]
    public async Task With_parallelism_2_on_a_flow_control_key_the_endpoint_never_has_more_than_two_deliveries_in_flight()
    {
        SdkEndpoint endpoint = await shared.GetAsync();
        await endpoint.App.SetAsync(new { reset = true, failStep3 = false, variant = "original", delayMs = 150 });
        string[] limited = Ids("flow-limited", 8);

        await endpoint.TriggerAsync(endpoint.App.WorkflowUrl("flow-limited"), limited, new { key = "fc-" + Guid.NewGuid().ToString("N"), parallelism = 2 });
        JsonElement state = await endpoint.WaitForAppAsync("every limited run finish", s => limited.All(id => Finished(s, id).Length == 1));

        Assert.Equal(2, state.GetProperty("maxInFlight").GetInt32());

        // The same runs without the key overlap more: the limit above is the key's, not the emulator's pace.
        await endpoint.App.SetAsync(new { reset = true });
        string[] free = Ids("flow-free", 8);
        await endpoint.TriggerAsync(endpoint.App.WorkflowUrl("flow-free"), free);
        state = await endpoint.WaitForAppAsync("every free run finish", s => free.All(id => Finished(s, id).Length == 1));
        Assert.True(state.GetProperty("maxInFlight").GetInt32() > 2, $"without flow control at most {state.GetProperty("maxInFlight")} deliveries were in flight");
    }

    /// <summary>
    /// Triggers <paramref name="count"/> runs with step 3 failing and waits until each is in the DLQ and its failure
    /// function ran; checks that step 3 was attempted three times (<c>retries</c> 2) after steps 1 and 2 once, and that the
    /// failure function saw the 500, the step's message and the original payload, once.
    /// </summary>
    private static async Task<Failed> FailAsync(SdkEndpoint endpoint, string scenario, int count)
    {
        await endpoint.App.SetAsync(new { reset = true, failStep3 = true, variant = "original", delayMs = 0 });
        Uri url = endpoint.App.WorkflowUrl(scenario);
        string[] ids = Ids(scenario, count);

        IReadOnlyList<string> runIds = await endpoint.TriggerAsync(url, ids);

        IReadOnlyList<DlqMessage> entries = await endpoint.WaitForDlqAsync(url, count);
        JsonElement state = await endpoint.WaitForAppAsync($"the failure call of {count} runs", s => ids.All(id => Failures(s, id).Length >= 1));
        Assert.Equal(runIds.Order(StringComparer.Ordinal), entries.Select(entry => entry.WorkflowRunId).Order(StringComparer.Ordinal));
        Assert.All(entries, entry =>
        {
            Assert.Equal(500, entry.ResponseStatus);
            Assert.Equal(2, entry.MaxRetries);
            Assert.Contains("step3 failed on purpose", entry.ResponseBody, StringComparison.Ordinal);
        });
        for (int i = 0; i < count; i++)
        {
            Assert.Equal(new Dictionary<string, int> { ["step1"] = 1, ["step2"] = 1, ["step3"] = 3 }, Counts(state, ids[i]));
            JsonElement failure = Assert.Single(Failures(state, ids[i]));
            Assert.Equal(runIds[i], failure.GetProperty("workflowRunId").GetString());
            Assert.Equal(500, failure.GetProperty("failStatus").GetInt32());
            Assert.Equal($"step3 failed on purpose for {ids[i]}", failure.GetProperty("failResponse").GetString());
            Assert.True(JsonNode.DeepEquals(new JsonObject { ["id"] = ids[i] }, JsonNode.Parse(failure.GetProperty("requestPayload").GetRawText())), failure.ToString());
        }

        return new Failed(url, ids, runIds, entries);
    }

    /// <summary>
    /// Clears the flag, resumes the workflow's whole DLQ with <c>client.Dlq.BulkResumeAsync</c> and waits until every
    /// run finished; each new run executed step 3 once more and step 4 once (plus <paramref name="extraSteps"/>), steps 1
    /// and 2 never again, its failure function was not called again, and the DLQ is empty.
    /// </summary>
    private static async Task<JsonElement> ResumeAllAsync(SdkEndpoint endpoint, Failed failed, Dictionary<string, int>? extraSteps = null)
    {
        await endpoint.App.SetAsync(new { failStep3 = false });

        string[] resumed = await ResumeAsync(endpoint, failed);

        JsonElement state = await WaitUntilFinishedAsync(endpoint, failed, resumed);
        foreach (string id in failed.Ids)
        {
            var expected = new Dictionary<string, int> { ["step1"] = 1, ["step2"] = 1, ["step3"] = 4, ["step4"] = 1 };
            foreach ((string step, int times) in extraSteps ?? [])
            {
                expected[step] = times;
            }

            Assert.Equal(expected, Counts(state, id));
            Assert.Single(Failures(state, id));
        }

        return state;
    }

    private static async Task<string[]> ResumeAsync(SdkEndpoint endpoint, Failed failed)
    {
        var resumed = new List<string>();
        await foreach (ResumedRun run in endpoint.Client.Dlq.BulkResumeAsync(ResumeFilter.Create().ForWorkflowUrl(failed.Url.ToString())))
        {
            resumed.Add(run.WorkflowRunId);
        }

        Assert.Equal(failed.Ids.Count, resumed.Count);
        Assert.Empty(resumed.Intersect(failed.RunIds));
        Assert.Empty(await endpoint.DlqAsync(failed.Url));
        return [.. resumed];
    }

    /// <summary>Waits until each payload's run finished exactly once, as one of the new runs, and no run is left in the DLQ.</summary>
    private static async Task<JsonElement> WaitUntilFinishedAsync(SdkEndpoint endpoint, Failed failed, IReadOnlyList<string> newRuns)
    {
        JsonElement state = await endpoint.WaitForAppAsync($"{failed.Ids.Count} runs finish", s => failed.Ids.All(id => Finished(s, id).Length >= 1));
        Assert.Equal(newRuns.Order(StringComparer.Ordinal), failed.Ids.Select(id => Assert.Single(Finished(state, id))).Order(StringComparer.Ordinal));
        Assert.Empty(await endpoint.DlqAsync(failed.Url));
        return state;
    }

    /// <summary>
    /// Each payload's new run, read from the run logs with our client: finished, with <paramref name="steps"/> in order,
    /// each holding the output the endpoint's step returned (outputs carry a random nonce made by the endpoint, so only
    /// the endpoint's real answers match).
    /// </summary>
    private static async Task AssertEachNewRunLogsItsStepsAsync(SdkEndpoint endpoint, Failed failed, JsonElement state, string[] steps)
    {
        foreach (string id in failed.Ids)
        {
            string runId = Assert.Single(Finished(state, id));
            WorkflowRun run = await endpoint.WaitForFinishedRunAsync(runId);
            Assert.Equal(WorkflowRunState.Succeeded, run.State);
            WorkflowStep[] ran = run.Steps.Where(step => step.StepType == WorkflowStepType.Run).ToArray();
            Assert.Equal(steps, ran.Select(step => step.StepName));
            foreach (WorkflowStep step in ran)
            {
                Assert.True(
                    JsonNode.DeepEquals(SdkEndpoint.Output(state, id, step.StepName), JsonNode.Parse(step.Output ?? "null")),
                    $"{runId} {step.StepName}: the logs show {step.Output}, the endpoint returned {SdkEndpoint.Output(state, id, step.StepName).ToJsonString()}");
            }
        }
    }

    private static Dictionary<string, int> Totals(JsonElement state) =>
        state.GetProperty("counts").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());

    private static Dictionary<string, int> Counts(JsonElement state, string id) => SdkEndpoint.Counts(state, id);

    private static JsonElement[] Failures(JsonElement state, string id) => SdkEndpoint.Failures(state, id);

    private static string[] Finished(JsonElement state, string id) => SdkEndpoint.Finished(state, id);

    private static string[] Ids(string scenario, int count) => Enumerable.Range(0, count).Select(i => $"{scenario}-{i}").ToArray();

    /// <summary>Runs that failed into the DLQ: their workflow URL, payload ids, run ids (in the same order) and entries.</summary>
    private sealed record Failed(Uri Url, IReadOnlyList<string> Ids, IReadOnlyList<string> RunIds, IReadOnlyList<DlqMessage> Entries);

    /// <summary>
    /// One signed emulator and generic endpoint for the tests of the class that need nothing else (they run one at a
    /// time and use payload ids and workflow paths of their own), started by the first that asks, inside its test, so
    /// that a machine without Node.js skips.
    /// </summary>
    public sealed class SignedGenericEndpoint : IAsyncLifetime
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private SdkEndpoint? _endpoint;

        internal async Task<SdkEndpoint> GetAsync()
        {
            await _gate.WaitAsync();
            try
            {
                return _endpoint ??= await SdkEndpoint.StartAsync("generic", signed: true);
            }
            finally
            {
                _gate.Release();
            }
        }

        public Task InitializeAsync() => Task.CompletedTask;

        public async Task DisposeAsync()
        {
            if (_endpoint is not null)
            {
                await _endpoint.DisposeAsync();
            }

            _gate.Dispose();
        }
    }
}
