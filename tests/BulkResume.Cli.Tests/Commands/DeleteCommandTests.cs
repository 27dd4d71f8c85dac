using BulkResume.Cli.Tests.Support;

namespace BulkResume.Cli.Tests.Commands;

public sealed class DeleteCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    [Fact]
    public async Task Delete_all_with_yes_empties_the_DLQ()
    {
        await _cli.SeedAsync(3, CliHarness.OrdersUrl);
        await _cli.SeedAsync(2, CliHarness.InvoiceUrl);

        var run = await _cli.RunAsync("delete", "--all", "--yes");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Deleted 5 entries (--all).", run.Console, StringComparison.Ordinal);
        Assert.Empty(await _cli.EntriesAsync());
    }

    [Fact]
    public async Task Delete_with_json_reports_the_count_of_the_selection()
    {
        await _cli.SeedAsync(3, CliHarness.OrdersUrl);
        await _cli.SeedAsync(2, CliHarness.InvoiceUrl);

        var run = await _cli.RunAsync("delete", "--workflow-url", CliHarness.InvoiceUrl, "--yes", "--json");

        var json = run.Json();
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(("done", 2L), (json.GetProperty("status").GetString(), json.GetProperty("deleted").GetInt64()));
        Assert.Equal(3, (await _cli.EntriesAsync()).Count);
    }

    [Fact]
    public async Task Delete_above_the_threshold_without_a_terminal_needs_yes()
    {
        await _cli.SeedAsync(101, CliHarness.OrdersUrl);

        var run = await _cli.RunAsync("delete", "--all");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Pass --yes to delete them", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(101, (await _cli.EntriesAsync()).Count);
    }

    public void Dispose() => _cli.Dispose();
}
