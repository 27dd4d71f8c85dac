using BulkResume.Cli.Tests.Support;

namespace BulkResume.Cli.Tests.Commands;

/// <summary>
/// <c>--async</c> and <c>actions</c> end to end against the in-process engine, which works through bulk actions itself:
/// each selected entry acted on once and none other, the action listed and shown afterwards.
/// </summary>
public sealed class AsyncAgainstEngineTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Resume_async_resumes_each_selected_entry_once_and_none_other()
    {
        await _cli.SeedAsync(30, CliHarness.OrdersUrl);
        await _cli.SeedAsync(5, CliHarness.InvoiceUrl);
        var orders = (await _cli.EntriesAsync()).Where(entry => entry.WorkflowUrl == CliHarness.OrdersUrl).Select(entry => entry.DlqId).ToList();

        var run = await _cli.RunAsync("resume", "--workflow-url", CliHarness.OrdersUrl, "--async", "--yes");

        Assert.True(run.ExitCode == 0, run.Console + run.Stderr);
        Assert.Contains($"Resumed 30 runs (--workflow-url {CliHarness.OrdersUrl}).", run.Console, StringComparison.Ordinal);
        Assert.Equal(orders.Order(StringComparer.Ordinal), (await NewRuns.SourcesAsync(_cli.Server.Engine.Store)).Order(StringComparer.Ordinal));
        Assert.All(await _cli.EntriesAsync(), entry => Assert.Equal(CliHarness.InvoiceUrl, entry.WorkflowUrl));
    }

    [Fact]
    public async Task Delete_async_with_json_deletes_the_selection_and_reports_it_done()
    {
        await _cli.SeedAsync(12, CliHarness.OrdersUrl);

        var run = await _cli.RunAsync("delete", "--all", "--async", "--yes", "--json");

        var json = run.Json();
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal(("done", 12L), (json.GetProperty("status").GetString(), json.GetProperty("action").GetProperty("processed").GetInt64()));
        Assert.Empty(await _cli.EntriesAsync());
    }

    [Fact]
    public async Task A_detached_restart_is_watched_listed_and_shown_afterwards()
    {
        await _cli.SeedAsync(8, CliHarness.OrdersUrl);

        var detached = await _cli.RunAsync("restart", "--all", "--async", "--detach", "--yes", "--json");
        var id = detached.Json().GetProperty("actionId").GetString()!;
        var watched = await _cli.RunAsync("actions", "watch", id);
        var listed = await _cli.RunAsync("actions", "list", "--state", "finished", "--json");
        var shown = await _cli.RunAsync("actions", "show", id, "--json");

        Assert.Equal((0, 0, 0, 0), (detached.ExitCode, watched.ExitCode, listed.ExitCode, shown.ExitCode));
        Assert.Contains($"Restarted 8 runs (bulk action {id}).", watched.Console, StringComparison.Ordinal);
        Assert.Contains(listed.Json().GetProperty("actions").EnumerateArray(), action => action.GetProperty("actionId").GetString() == id && action.GetProperty("kind").GetString() == "restart");
        Assert.Equal(("FINISHED", 8L), (shown.Json().GetProperty("action").GetProperty("state").GetString(), shown.Json().GetProperty("action").GetProperty("processed").GetInt64()));
        Assert.Empty(await _cli.EntriesAsync());
    }

    [Fact]
    public async Task The_demo_finishes_an_async_resume_of_every_entry()
    {
        var run = await _cli.RunAsync("resume", "--demo", "--all", "--async", "--yes");

        Assert.True(run.ExitCode == 0, run.Console + run.Stderr);
        Assert.Contains($"Resumed {BulkResume.Engine.DemoDlq.Count} runs (--all).", run.Console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_cancel_async_cancels_each_selected_run_in_progress_once_and_none_other()
    {
        for (int i = 0; i < 25; i++)
        {
            await _cli.Server.Store.SaveRunAsync(new BulkResume.Engine.RunRecord
            {
                WorkflowRunId = $"wfr_{i:D2}",
                WorkflowUrl = i % 5 == 0 ? CliHarness.InvoiceUrl : CliHarness.OrdersUrl,
                State = i % 4 == 0 ? BulkResume.Engine.RunState.Success : BulkResume.Engine.RunState.Started,
                CreatedAt = CliHarness.Now.AddMinutes(-i),
            });
        }

        var run = await _cli.RunAsync("runs", "cancel", "--workflow-url", CliHarness.OrdersUrl, "--async", "--yes");

        var canceled = await _cli.Server.Store.QueryRunsAsync(new BulkResume.Engine.Storage.RunQuery(new BulkResume.Engine.RunSelection { State = BulkResume.Engine.RunState.Canceled }, null, 100));
        var expected = Enumerable.Range(0, 25).Where(i => i % 5 != 0 && i % 4 != 0).Select(i => $"wfr_{i:D2}").ToArray();
        Assert.True(run.ExitCode == 0, run.Console + run.Stderr);
        Assert.Contains($"Cancelled {expected.Length} runs (--workflow-url {CliHarness.OrdersUrl}).", run.Console, StringComparison.Ordinal);
        Assert.Equal(expected, canceled.Select(r => r.WorkflowRunId));
    }
}
