using BulkResume.Cli.Tests.Support;

namespace BulkResume.Cli.Tests.Commands;

/// <summary>The CLI takes what docs/cli.md and docs/filters.md tell a reader to type, and prints what can be typed back.</summary>
public sealed class FlagsAsDocumentedTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData("InProgress")]
    [InlineData("in-progress")]
    [InlineData("Failed")]
    public async Task The_callback_states_filters_md_lists_are_taken(string state)
    {
        var run = await _cli.RunAsync("list", "--callback-state", state);

        Assert.True(run.ExitCode == 0, run.Stderr);
    }

    [Fact]
    public async Task A_selection_by_ids_file_is_described_by_the_flag_and_the_file_so_it_can_be_pasted_back()
    {
        await _cli.SeedAsync(2, CliHarness.OrdersUrl);
        var ids = (await _cli.EntriesAsync()).Select(entry => entry.DlqId).ToArray();
        string file = Path.GetTempFileName();
        try
        {
            await File.WriteAllLinesAsync(file, ids);

            var run = await _cli.RunAsync("list", "--ids-file", file);

            Assert.Equal(0, run.ExitCode);
            Assert.Contains($"match --ids-file {file}.", run.Console, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("--page-size", "10")]
    [InlineData("--resume-from", "AQ")]
    public async Task The_docs_name_the_only_commands_that_take_page_size_and_resume_from(string flag, string value)
    {
        string row = File.ReadAllLines(Path.Combine(CliHarness.RepositoryRoot, "docs", "cli.md")).Single(line => line.StartsWith($"| `{flag} ", StringComparison.Ordinal));

        var delete = await _cli.RunAsync("delete", "--all", flag, value, "--dry-run");
        var list = await _cli.RunAsync("list", flag, value);

        Assert.Equal((2, 2), (delete.ExitCode, list.ExitCode));
        Assert.Contains("| `resume`, `restart`: ", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_delete_by_ids_refused_before_anything_was_deleted_says_that_nothing_was_deleted()
    {
        await _cli.SeedAsync(2, CliHarness.OrdersUrl);
        var id = (await _cli.EntriesAsync())[0].DlqId;
        _cli.Server.Faults.FailNext(1, 400, message: "refused");

        var run = await _cli.RunAsync("delete", "--ids", id, "--yes");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Equal(2, (await _cli.EntriesAsync()).Count);
        Assert.Contains("Nothing was deleted; 1 of the 1 ids are left.", run.Console, StringComparison.Ordinal);
        Assert.DoesNotContain("stay deleted", run.Console, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--label", "eu,us", "Pass --label once per value.")]
    [InlineData("--flow-control-key", "payments,refunds", "Pass --flow-control-key once per value.")]
    [InlineData("--workflow-url", "https://shop.example.com/a,b", "Select its entries with other flags, or with --ids.")]
    [InlineData("--label", "eu\tus", "--label 'eu\tus': it has a control character")]
    public async Task A_refused_value_is_told_in_flags_not_in_the_SDKs_methods(string flag, string value, string expected)
    {
        var run = await _cli.RunAsync("list", flag, value);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"ResumeFilter|ForDlqIds|With[A-Z]\w+|Call ", run.Stderr);
    }
}
