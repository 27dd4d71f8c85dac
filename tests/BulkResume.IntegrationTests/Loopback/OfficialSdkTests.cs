using System.Text.Json;
using BulkResume.Emulator;
using BulkResume.Engine;
using BulkResume.IntegrationTests.Support;

namespace BulkResume.IntegrationTests.Loopback;

/// <summary>
/// The official TypeScript SDK (<c>@upstash/workflow</c>, installed into tests/OfficialSdk by <c>npm ci</c>) against the
/// emulator over loopback: its <c>client.logs()</c> (which calls <c>/v2/workflows/events?groupBy=workflowRunId</c>), its
/// DLQ list (the <c>/v2/dlq?source=workflow</c> alias) and its resume by id; and in dev mode against the executable's
/// <c>--dev</c>.
/// </summary>
public sealed class OfficialSdkTests
{
    private const string Checkout = "https://shop.example.com/api/workflows/checkout";

    [SkippableFact]
    public async Task The_official_sdk_reads_the_logs_lists_the_dlq_and_resumes_against_the_emulator()
    {
        await using var emulator = await WorkflowEmulator.StartAsync();
        await emulator.Engine.DeadLetterAsync(FailedRuns.Many(3, i => FailedRun.For(Checkout).FailedAtStep(2, of: 3).FailedAt(FailedRun.DefaultFailedAt.AddSeconds(i))));

        JsonElement output = await OfficialSdk.RunScriptAsync("calls.mjs", emulator.Url, emulator.Token);

        JsonElement firstPage = output.GetProperty("firstPage");
        Assert.Equal(2, firstPage.GetProperty("runs").GetArrayLength());
        Assert.Equal(1, output.GetProperty("secondPage").GetProperty("runs").GetArrayLength());
        JsonElement groups = firstPage.GetProperty("runs")[0].GetProperty("steps");
        Assert.Equal(["sequential", "sequential", "sequential"], groups.EnumerateArray().Select(group => group.GetProperty("type").GetString()));
        Assert.Equal(3, output.GetProperty("listed").GetProperty("messages").GetArrayLength());

        string resumedRunId = output.GetProperty("resumed").GetProperty("workflowRunId").GetString()!;
        JsonElement resumedRun = Assert.Single(output.GetProperty("resumedRun").GetProperty("runs").EnumerateArray());
        Assert.Equal(resumedRunId, resumedRun.GetProperty("workflowRunId").GetString());
        Assert.Equal(2, (await emulator.Store.GetStatisticsAsync()).DlqEntryCount);
        var stored = (await emulator.Store.GetRunAsync(resumedRunId))!;
        Assert.Equal((WorkflowRunOrigin.Resumed, 1), (stored.Origin, stored.Configuration.Retries));
        Assert.Equal(["init", "step-1"], stored.Steps.Select(step => step.StepName));
        Assert.Equal(2, (await emulator.Engine.ListAsync(new DlqSelection { WorkflowUrls = [Checkout] })).Entries.Count);
    }

    [SkippableFact]
    public async Task An_app_in_dev_mode_finds_the_emulator_started_with_dev_and_calls_it_with_no_configuration()
    {
        await using var emulator = await EmulatorExecutableTests.RunningEmulator.StartAsync("--dev", "--port", "0");
        await EmulatorExecutableTests.AdminAsync(
            emulator.Url, HttpMethod.Post, "/_emulator/seed", $$"""{"count":3,"workflowUrl":"{{Checkout}}"}""", DevServer.Token);
        string home = Directory.CreateTempSubdirectory("bulkresume-sdk-home-").FullName;
        string stdout;
        try
        {
            // The SDK takes the dev server's URL, token and keys itself. A HOME of its own keeps a cached dev-server binary
            // from standing in, should the liveness check fail.
            stdout = await OfficialSdk.RunNodeAsync("dev-mode.mjs", new Dictionary<string, string?>
            {
                ["QSTASH_DEV"] = "true",
                ["QSTASH_DEV_PORT"] = emulator.Url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["HOME"] = home,
            });
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }

        string[] lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        JsonElement listed = JsonDocument.Parse(lines[^1]).RootElement.GetProperty("listed");
        Assert.Contains($"Server already running at http://127.0.0.1:{emulator.Url.Port}", stdout, StringComparison.Ordinal);
        Assert.Equal(3, listed.GetProperty("messages").GetArrayLength());
        Assert.All(listed.GetProperty("messages").EnumerateArray(), message => Assert.Equal(Checkout, message.GetProperty("workflowUrl").GetString()));
        await emulator.WaitForOutputAsync("GET /v2/keys 200");
        Assert.Contains("Using the local dev server's credentials", emulator.Output, StringComparison.Ordinal);
    }
}
