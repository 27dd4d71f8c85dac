using BulkResume.Cli.Tests.Support;

namespace BulkResume.Cli.Tests.Commands;

/// <summary>
/// What <c>--async</c> and the <c>actions</c> commands refuse before anything is sent (exit 2, the flag named with the
/// fix), and the gate they share with the paged commands: a dry run shows the selection, a large one needs <c>--yes</c>.
/// </summary>
public sealed class AsyncRefusalTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData("--ids", "--ids can't be used with --async: a bulk action covers a selection by filters", new[] { "resume", "--ids", "1752829295505-0", "--async" })]
    [InlineData("--ids-file", "--ids-file can't be used with --async", new[] { "delete", "--ids-file", "ids.txt", "--async" })]
    [InlineData("--concurrency", "--concurrency can't be used with --async: the service works through the action itself", new[] { "restart", "--all", "--concurrency", "4", "--async" })]
    [InlineData("--concurrency", "Drop --concurrency, or drop --async to drain from here.", new[] { "delete", "--all", "--concurrency", "1", "--async" })]
    [InlineData("--page-size", "--page-size can't be used with --async: the service works through the action in slices of its own", new[] { "resume", "--all", "--page-size", "10", "--async" })]
    [InlineData("--resume-from", "--resume-from can't be used with --async: a bulk action has no cursor", new[] { "resume", "--all", "--resume-from", "AQ", "--async" })]
    [InlineData("--detach", "--detach goes with --async", new[] { "resume", "--all", "--detach" })]
    [InlineData("--detach", "--detach leaves the action to run without this command, but the --demo DLQ lives in this process", new[] { "resume", "--all", "--async", "--detach", "--demo" })]
    [InlineData("--all", "resume needs a selection", new[] { "resume", "--async" })]
    [InlineData("--state", "--state 'running' is not a bulk action's state. Use in-progress or finished", new[] { "actions", "list", "--state", "running" })]
    [InlineData("ID", "ID ' ' is not a bulk action's id", new[] { "actions", "show", " " })]
    [InlineData("ID", "is not a bulk action's id", new[] { "actions", "watch", "act\u0007" })]
    [InlineData("watch", "Required argument missing", new[] { "actions", "watch" })]
    [InlineData("--limit", "Unrecognized command or argument '--limit'", new[] { "actions", "watch", "act_1", "--limit", "3" })]
    public async Task Exit_2_naming_the_flag_with_the_fix_before_anything_is_sent(string flag, string expected, string[] args)
    {
        var run = await _cli.RunAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: ", run.Stderr, StringComparison.Ordinal);
        Assert.Contains(flag, run.Stderr, StringComparison.Ordinal);
        Assert.Contains(expected, run.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, _cli.RequestsSent);
    }

    [Fact]
    public async Task A_dry_run_with_async_shows_the_selection_and_starts_nothing()
    {
        await _cli.SeedAsync(3, CliHarness.OrdersUrl);

        var run = await _cli.RunAsync("resume", "--workflow-url", CliHarness.OrdersUrl, "--async", "--dry-run");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("3 entries match", run.Console, StringComparison.Ordinal);
        Assert.Contains("Dry run: nothing was resumed.", run.Console, StringComparison.Ordinal);
        Assert.Equal(_cli.RequestsSent, _cli.ReadsSent);
    }

    [Fact]
    public async Task Above_the_threshold_without_a_terminal_async_needs_yes_and_starts_nothing()
    {
        await _cli.SeedAsync(120, CliHarness.OrdersUrl);

        var run = await _cli.RunAsync("delete", "--all", "--async");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("120 entries match (--all), more than --confirm-above 100", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("Pass --yes to delete them", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(_cli.RequestsSent, _cli.ReadsSent);
        Assert.Equal(120, (await _cli.EntriesAsync()).Count);
    }

    [Fact]
    public async Task Declined_at_the_prompt_async_starts_nothing()
    {
        await _cli.SeedAsync(2, CliHarness.OrdersUrl);
        _cli.Interactive = true;
        _cli.Answers.Add("n");

        var run = await _cli.RunAsync("restart", "--all", "--confirm-above", "1", "--async");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Restart 2 entries matching --all?", run.Console, StringComparison.Ordinal);
        Assert.Equal(_cli.RequestsSent, _cli.ReadsSent);
    }

    [Fact]
    public async Task Help_lists_the_actions_commands_and_the_async_flags()
    {
        var root = await _cli.RunAsync("--help");
        var actions = await _cli.RunAsync("actions", "--help");
        var resume = await _cli.RunAsync("resume", "--help");

        Assert.Contains("  actions ", root.Stdout, StringComparison.Ordinal);
        Assert.All(new[] { "list", "show", "watch" }, command => Assert.Contains($"  {command} ", actions.Stdout, StringComparison.Ordinal));
        Assert.All(new[] { "--async", "--detach" }, flag => Assert.Contains(flag, resume.Stdout, StringComparison.Ordinal));
    }
}
