using System.Diagnostics;
using System.Reflection;
using BulkResume.Cli.Tests.Support;

namespace BulkResume.Cli.Tests.Commands;

/// <summary>The count and the question before a bulk action on a terminal, and the exit codes the docs promise.</summary>
public sealed class ConfirmationTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Ctrl_c_at_the_prompt_ends_the_command_at_once_with_nothing_sent_that_changes_the_DLQ()
    {
        await _cli.SeedAsync(3, CliHarness.OrdersUrl);
        _cli.RequestStopAtPrompt();
        var clock = Stopwatch.StartNew();

        var run = await _cli.RunAsync("resume", "--all", "--confirm-above", "1");

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(4));
        Assert.Contains("Interrupted before anything was changed.", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(3, (await _cli.EntriesAsync()).Count);
    }

    [Fact]
    public async Task On_a_terminal_the_count_before_the_question_shows_how_far_it_has_got()
    {
        await _cli.SeedAsync(3, CliHarness.OrdersUrl);
        _cli.Interactive = true;
        _cli.Answers.Add("n");

        var run = await _cli.RunAsync("resume", "--all", "--confirm-above", "1");

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Contains("Counting the selection: 3 entries so far...", run.Console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_entry_is_counted_as_one_entry_in_the_question_and_in_the_refusal()
    {
        await _cli.SeedAsync(1, CliHarness.OrdersUrl);
        var refused = await _cli.RunAsync("resume", "--all", "--confirm-above", "0");
        _cli.Interactive = true;
        _cli.Answers.Add("y");

        var asked = await _cli.RunAsync("resume", "--all", "--confirm-above", "0");

        Assert.Contains("1 entry matches (--all), more than --confirm-above 0", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("Resume 1 entry matching --all?", asked.Console, StringComparison.Ordinal);
        Assert.Contains("Resumed 1 run (--all).", asked.Console, StringComparison.Ordinal);
        Assert.DoesNotContain("1 entries", refused.Stderr + asked.Console, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_exit_code_the_CLI_can_return_is_in_the_table_of_the_docs()
    {
        string[] table = File.ReadAllLines(Path.Combine(CliHarness.RepositoryRoot, "docs", "cli.md"))
            .Where(line => line.StartsWith("| ", StringComparison.Ordinal))
            .Select(line => line.Split('|', StringSplitOptions.TrimEntries)[1])
            .ToArray();

        int[] codes = typeof(ExitCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(field => (int)field.GetValue(null)!).ToArray();

        Assert.Contains(130, codes);
        Assert.All(codes, code => Assert.Contains(code.ToString(System.Globalization.CultureInfo.InvariantCulture), table));
    }
}
