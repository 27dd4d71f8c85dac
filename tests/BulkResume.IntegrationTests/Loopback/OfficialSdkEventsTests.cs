using System.Text.Json;
using BulkResume.Emulator;
using BulkResume.Engine;
using BulkResume.IntegrationTests.Support;

namespace BulkResume.IntegrationTests.Loopback;

/// <summary>
/// The official TypeScript SDK's workflows (tests/OfficialSdk/events.mjs) delivered by the emulator over loopback:
/// <c>context.waitForEvent</c> notified by <c>client.notify</c>, a wait that times out, <c>context.call</c> to a third
/// party on loopback, and a run started by <c>POST /v2/trigger</c>.
/// </summary>
public sealed class OfficialSdkEventsTests
{
    [SkippableFact]
    public async Task The_official_sdks_waits_notifies_calls_and_a_rest_trigger_run_against_the_emulator()
    {
        await using var emulator = await WorkflowEmulator.StartAsync();

        JsonElement output = await OfficialSdk.RunScriptAsync("events.mjs", emulator.Url, emulator.Token);

        JsonElement waiter = Assert.Single(output.GetProperty("waiters").EnumerateArray());
        JsonElement notified = Assert.Single(output.GetProperty("notifyResponse").EnumerateArray());
        Assert.Equal(waiter.GetProperty("url").GetString(), notified.GetProperty("waiter").GetProperty("url").GetString());
        Assert.True(output.GetProperty("notified").GetProperty("eventData").GetProperty("paid").GetBoolean());
        Assert.False(output.GetProperty("notified").GetProperty("timeout").GetBoolean());
        Assert.True(output.GetProperty("timedOut").GetProperty("timeout").GetBoolean());
        Assert.False(output.GetProperty("timedOut").TryGetProperty("eventData", out _));

        JsonElement call = output.GetProperty("call");
        Assert.Equal(200, call.GetProperty("status").GetInt32());
        Assert.Equal(7, call.GetProperty("body").GetProperty("echoed").GetProperty("order").GetInt32());
        JsonElement received = Assert.Single(output.GetProperty("thirdParty").EnumerateArray());
        Assert.Equal(("PUT", "/third-party?q=1", "k1", """{"order":7}"""), (
            received.GetProperty("method").GetString(),
            received.GetProperty("url").GetString(),
            received.GetProperty("apiKey").GetString(),
            received.GetProperty("body").GetString()));

        Assert.Equal(200, output.GetProperty("triggered").GetProperty("status").GetInt32());
        Assert.Equal("wfr_rest-1", output.GetProperty("triggered").GetProperty("body").GetProperty("workflowRunId").GetString());
        Assert.Equal(9, output.GetProperty("rest").GetProperty("payload").GetProperty("order").GetInt32());
        Assert.Equal("acme", output.GetProperty("rest").GetProperty("tenant").GetString());
        string[] runIds = output.GetProperty("runIds").EnumerateArray().Select(id => id.GetString()!).ToArray();
        Assert.Contains(notified.GetProperty("workflowRunId").GetString(), runIds);
        foreach (string runId in runIds)
        {
            Assert.Equal(RunState.Success, (await emulator.Store.GetRunAsync(runId))!.State);
        }
    }
}
