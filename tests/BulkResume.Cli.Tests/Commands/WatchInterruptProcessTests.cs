using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BulkResume.Cli.Tests.Support;
using BulkResume.Emulator;
using BulkResume.Engine;
using BulkResume.Engine.Storage;

namespace BulkResume.Cli.Tests.Commands;

/// <summary>
/// Ctrl+C while an <c>--async</c> command watches its action, with the program as a child process and a real SIGINT:
/// watching stops at once, the action goes on, and the printed command watches it to its end.
/// </summary>
public sealed class WatchInterruptProcessTests : IAsyncLifetime
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("bulkresume-watch-");
    private readonly List<CliProcess> _started = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        _started.ForEach(run => run.Dispose());
        _folder.Delete(recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Sigint_while_watching_a_running_action_stops_watching_with_exit_3_and_the_watch_command()
    {
        using var service = new ActionService();
        service.Starts("POST", ActionService.ResumeBulkPath, "act_1");
        service.Reads("act_1", ActionService.Action("act_1", "resume", "IN_PROGRESS", 2, 5));
        var run = Start(["resume", "--all", "--async", "--yes"], service.Url, "any-token");

        await run.WaitForOutputAsync(line => line.StartsWith("resumed 2 of 5 entries", StringComparison.Ordinal));
        run.Interrupt();

        Assert.Equal(3, await run.ExitAsync());
        Assert.Contains("Stopped watching bulk action act_1 (resumed 2 of 5 so far): the action goes on.", run.Output);
        Assert.Equal(["actions", "watch", "act_1", "--url", service.Url], run.Output.Single(line => line.StartsWith("  bulkresume ", StringComparison.Ordinal)).Trim().Split(' ')[1..]);
        Assert.Equal(0, service.Requests.Count(request => request.Method != "GET" && request.Path != ActionService.ResumeBulkPath));
    }

    [Fact]
    public async Task Sigint_while_the_emulator_holds_the_action_and_the_printed_command_finishes_it_each_entry_once()
    {
        await using var emulator = await WorkflowEmulator.StartAsync();
        using var admin = new HttpClient { BaseAddress = emulator.Url };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", emulator.Token);
        using (var seeded = await admin.PostAsJsonAsync("/_emulator/seed", new { count = 40, workflowUrl = CliHarness.OrdersUrl }))
        {
            seeded.EnsureSuccessStatusCode();
        }

        var ids = (await emulator.Store.QueryAsync(new DlqQuery(DlqSelection.All, null, int.MaxValue))).Select(entry => entry.DlqId).ToList();
        await HoldAsync(admin, hold: true);
        var url = emulator.Url.GetLeftPart(UriPartial.Authority);
        var run = Start(["resume", "--workflow-url", CliHarness.OrdersUrl, "--async", "--yes"], url, emulator.Token);

        await run.WaitForOutputAsync(line => line.StartsWith("resumed 0 of 40 entries", StringComparison.Ordinal));
        run.Interrupt();
        Assert.Equal(3, await run.ExitAsync());
        await HoldAsync(admin, hold: false);
        var watch = Start(run.Output.Single(line => line.StartsWith("  bulkresume actions watch ", StringComparison.Ordinal)).Trim().Split(' ')[1..], url, emulator.Token);

        Assert.Equal(0, await watch.ExitAsync());
        Assert.Contains(watch.Output, line => line.StartsWith("Resumed 40 runs (bulk action ", StringComparison.Ordinal));
        Assert.Equal(ids.Order(StringComparer.Ordinal), (await NewRuns.SourcesAsync(emulator.Store)).Order(StringComparer.Ordinal));
    }

    private CliProcess Start(string[] args, string url, string token)
    {
        var run = CliProcess.Start(
            args,
            new Dictionary<string, string?> { [WorkflowClientOptions.TokenEnvironmentVariable] = token, [WorkflowClientOptions.BaseUrlEnvironmentVariable] = url },
            _folder.FullName);
        _started.Add(run);
        return run;
    }

    private static async Task HoldAsync(HttpClient admin, bool hold)
    {
        using var answer = await admin.PostAsJsonAsync("/_emulator/faults", new { holdBulkActions = hold });
        Assert.True(answer.IsSuccessStatusCode, await answer.Content.ReadAsStringAsync());
    }
}
