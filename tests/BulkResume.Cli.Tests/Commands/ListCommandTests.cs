using BulkResume.Cli.Tests.Support;

namespace BulkResume.Cli.Tests.Commands;

public sealed class ListCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    [Fact]
    public async Task Json_output_is_one_document_of_the_selected_entries_with_notices_on_stderr()
    {
        await _cli.SeedAsync(3, CliHarness.OrdersUrl);
        await _cli.SeedAsync(2, CliHarness.InvoiceUrl);

        var run = await _cli.RunAsync("list", "--workflow-url", CliHarness.OrdersUrl, "--json");

        Assert.Equal(0, run.ExitCode);
        var json = run.Json();
        Assert.Equal(3, json.GetProperty("count").GetInt64());
        Assert.All(json.GetProperty("entries").EnumerateArray(), entry => Assert.Equal(CliHarness.OrdersUrl, entry.GetProperty("workflowUrl").GetString()));
        Assert.Equal(CliHarness.EngineUrl, json.GetProperty("target").GetString());
        Assert.Contains($"Target: {CliHarness.EngineUrl} (address from QSTASH_URL, token from QSTASH_TOKEN).", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(run.Console);
    }

    [Fact]
    public async Task The_table_shows_the_entries_and_the_count_of_every_entry()
    {
        await _cli.SeedAsync(2, CliHarness.OrdersUrl);
        var first = (await _cli.EntriesAsync())[0];

        var run = await _cli.RunAsync("list");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(first.DlqId, run.Console, StringComparison.Ordinal);
        Assert.Contains("2 entries in the DLQ (no filter).", run.Console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Limit_shows_fewer_rows_but_counts_them_all()
    {
        await _cli.SeedAsync(5, CliHarness.OrdersUrl);

        var json = (await _cli.RunAsync("list", "--limit", "2", "--json")).Json();

        Assert.Equal((5L, 2, true), (json.GetProperty("count").GetInt64(), json.GetProperty("entries").GetArrayLength(), json.GetProperty("truncated").GetBoolean()));
    }

    [Fact]
    public async Task Relative_times_select_by_failure_time()
    {
        await _cli.SeedAsync(10, CliHarness.OrdersUrl);

        var json = (await _cli.RunAsync("list", "--from", "-3m", "--json")).Json();

        Assert.Equal(3, json.GetProperty("count").GetInt64());
    }

    public void Dispose() => _cli.Dispose();
}
