using BulkResume.Cli.Tests.Support;

namespace BulkResume.Cli.Tests.Commands;

public sealed class RestartCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();
    private readonly string _idsFile = Path.Combine(Path.GetTempPath(), $"bulkresume-restart-{Guid.NewGuid():N}.txt");

    [Fact]
    public async Task Ids_restart_exactly_those_entries()
    {
        await _cli.SeedAsync(4, CliHarness.OrdersUrl);
        var entries = await _cli.EntriesAsync();

        var run = await _cli.RunAsync("restart", "--ids", $"{entries[0].DlqId},{entries[2].DlqId}", "--yes");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Restarted 2 runs", run.Console, StringComparison.Ordinal);
        Assert.Equal([entries[1].DlqId, entries[3].DlqId], (await _cli.EntriesAsync()).Select(entry => entry.DlqId));
    }

    [Fact]
    public async Task An_ids_file_restarts_the_ids_it_lists()
    {
        await _cli.SeedAsync(3, CliHarness.OrdersUrl);
        var entries = await _cli.EntriesAsync();
        await File.WriteAllLinesAsync(_idsFile, ["# from the incident channel", entries[1].DlqId]);

        var run = await _cli.RunAsync("restart", "--ids-file", _idsFile, "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"--ids-file {_idsFile}", run.Json().GetProperty("filter").GetString());
        Assert.DoesNotContain(await _cli.EntriesAsync(), entry => entry.DlqId == entries[1].DlqId);
    }

    [Fact]
    public async Task Dry_run_of_a_restart_changes_nothing()
    {
        await _cli.SeedAsync(2, CliHarness.OrdersUrl);

        var json = (await _cli.RunAsync("restart", "--all", "--dry-run", "--json")).Json();

        Assert.Equal(("restart", true, 2L), (json.GetProperty("command").GetString(), json.GetProperty("dryRun").GetBoolean(), json.GetProperty("count").GetInt64()));
        Assert.Equal(2, (await _cli.EntriesAsync()).Count);
    }

    public void Dispose()
    {
        _cli.Dispose();
        File.Delete(_idsFile);
    }
}
