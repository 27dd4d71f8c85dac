using System.Diagnostics;
using System.Text.Json;
using BulkResume.Emulator;
using BulkResume.Engine;

namespace BulkResume.IntegrationTests.Loopback;

/// <summary>
/// The official TypeScript SDK (<c>@upstash/workflow</c>, installed into tests/OfficialSdk by <c>npm ci</c>) against the
/// emulator over loopback: its <c>client.logs()</c> (which calls <c>/v2/workflows/events?groupBy=workflowRunId</c>), its
/// DLQ list (the <c>/v2/dlq?source=workflow</c> alias) and its resume by id.
/// </summary>
public sealed class OfficialSdkTests
{
    private const string Checkout = "https://shop.example.com/api/workflows/checkout";

    [SkippableFact]
    public async Task The_official_sdk_reads_the_logs_lists_the_dlq_and_resumes_against_the_emulator()
    {
        string sdk = await SdkFolderAsync();
        await using var emulator = await WorkflowEmulator.StartAsync();
        await emulator.Engine.DeadLetterAsync(FailedRuns.Many(3, i => FailedRun.For(Checkout).FailedAtStep(2, of: 3).FailedAt(FailedRun.DefaultFailedAt.AddSeconds(i))));

        JsonElement output = await RunNodeAsync(sdk, emulator);

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

    /// <summary>Runs a script of tests/OfficialSdk against the emulator and reads the JSON it prints.</summary>
    internal static async Task<JsonElement> RunNodeAsync(string sdk, WorkflowEmulator emulator, string script = "calls.mjs")
    {
        var start = new ProcessStartInfo("node", Path.Combine(sdk, script))
        {
            WorkingDirectory = sdk,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["QSTASH_URL"] = emulator.Url.GetLeftPart(UriPartial.Authority);
        start.Environment["QSTASH_TOKEN"] = emulator.Token;
        using Process node = Process.Start(start)!;
        Task<string> stdout = node.StandardOutput.ReadToEndAsync();
        Task<string> stderr = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await node.WaitForExitAsync(timeout.Token);
        Assert.True(node.ExitCode == 0, $"node {script} exited {node.ExitCode}: {await stderr}");
        return JsonDocument.Parse(await stdout).RootElement.Clone();
    }

    /// <summary>
    /// tests/OfficialSdk with its packages installed (by <c>npm ci</c> when they are missing). Without Node.js the test
    /// skips on a developer's machine and fails under CI, which installs it.
    /// </summary>
    internal static async Task<string> SdkFolderAsync()
    {
        string? directory = AppContext.BaseDirectory;
        while (directory is not null && !File.Exists(Path.Combine(directory, "BulkResume.sln")))
        {
            directory = Path.GetDirectoryName(directory);
        }

        string sdk = Path.Combine(directory ?? throw new InvalidOperationException("The repository root (BulkResume.sln) is not above the test's folder."), "tests", "OfficialSdk");
        if (Directory.Exists(Path.Combine(sdk, "node_modules", "@upstash", "workflow")))
        {
            return sdk;
        }

        bool ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        Process? npm;
        try
        {
            npm = Process.Start(new ProcessStartInfo("npm", "ci --no-audit --no-fund") { WorkingDirectory = sdk, RedirectStandardOutput = true, RedirectStandardError = true });
        }
        catch (System.ComponentModel.Win32Exception) when (!ci)
        {
            npm = null;
        }

        Skip.If(npm is null, "Node.js and npm are not installed; the official SDK can't be run here (CI installs them).");
        using (npm)
        {
            Task<string> errors = npm!.StandardError.ReadToEndAsync();
            await npm.StandardOutput.ReadToEndAsync();
            await npm.WaitForExitAsync();
            Assert.True(npm.ExitCode == 0, $"npm ci in {sdk} failed: {await errors}");
        }

        return sdk;
    }
}
