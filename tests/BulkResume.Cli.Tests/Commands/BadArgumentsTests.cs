using BulkResume.Cli.Tests.Support;

namespace BulkResume.Cli.Tests.Commands;

public sealed class BadArgumentsTests : IDisposable
{
    private readonly CliHarness _cli = new();

    [Theory]
    [InlineData("--from", new[] { "resume", "--from", "yesterday" })]
    [InlineData("--all", new[] { "resume" })]
    [InlineData("--all", new[] { "delete", "--yes" })]
    [InlineData("--all", new[] { "restart", "--all", "--workflow-url", CliHarness.OrdersUrl })]
    [InlineData("--flow-control", new[] { "resume", "--all", "--flow-control", "payments:speed=3" })]
    [InlineData("--retries", new[] { "resume", "--all", "--retries", "-1" })]
    [InlineData("--retries", new[] { "resume", "--all", "--retries", "three" })]
    [InlineData("--page-size", new[] { "restart", "--all", "--page-size", "500" })]
    [InlineData("--ids-file", new[] { "resume", "--ids-file", "/nonexistent/ids.txt" })]
    [InlineData("--confirm-above", new[] { "delete", "--all", "--confirm-above", "-5" })]
    [InlineData("--caller-ip", new[] { "list", "--caller-ip", "not-an-ip" })]
    [InlineData("--nope", new[] { "list", "--nope" })]
    public async Task Exit_2_with_a_message_naming_the_flag_before_the_DLQ_is_opened(string flag, string[] args)
    {
        var run = await _cli.RunAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(flag, run.Stderr, StringComparison.Ordinal);
        Assert.StartsWith("error: ", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, _cli.RequestsSent);
    }

    [Theory]
    [InlineData(new[] { "resume", "--all", "--page-size", "abc" }, "error: --page-size 'abc' is not a whole number. Pass 1 to 50 (the most the service acts on per request).")]
    [InlineData(new[] { "resume", "--all", "--page-size", "500" }, "error: --page-size 500 is outside 1 to 50 (the most the service acts on per request).")]
    [InlineData(new[] { "resume", "--all", "--retries", "-1" }, "error: --retries -1 must be 0 or more")]
    [InlineData(new[] { "list", "--limit", "99999999999" }, "error: --limit 99999999999 is larger than the most this takes, 2147483647")]
    [InlineData(new[] { "resum", "--all" }, "Did you mean resume instead of 'resum'?")]
    [InlineData(new[] { "resume", "--lable", "checkout" }, "Did you mean --label instead of '--lable'?")]
    public async Task Mistakes_are_told_in_the_operators_terms_with_suggestions(string[] args, string expected)
    {
        var run = await _cli.RunAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("'checkout' instead", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mistyped_command_is_told_first_without_a_missing_command_above_it()
    {
        var run = await _cli.RunAsync("lst");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: Unrecognized command or argument 'lst'.", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("Did you mean list instead of 'lst'?", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Required command", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_cursor_says_nothing_was_resumed_without_claiming_a_count_first()
    {
        await _cli.SeedAsync(3, CliHarness.OrdersUrl);

        var run = await _cli.RunAsync("resume", "--all", "--yes", "--resume-from", "not-a-cursor");

        Assert.Equal(1, run.ExitCode);
        Assert.DoesNotContain("Resumed 0", run.Console, StringComparison.Ordinal);
        Assert.Contains("Nothing was resumed. If the cursor was refused, pass the one the interrupted run printed", run.Console, StringComparison.Ordinal);
        Assert.StartsWith("error: ", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(3, (await _cli.EntriesAsync()).Count);
    }

    [Fact]
    public async Task No_command_exits_2_and_points_to_help()
    {
        var run = await _cli.RunAsync();

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Run 'bulkresume --help'", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_the_commands()
    {
        var run = await _cli.RunAsync("--help");

        Assert.Equal(0, run.ExitCode);
        Assert.All(new[] { "list", "resume", "restart", "delete" }, command => Assert.Contains($"  {command} ", run.Stdout, StringComparison.Ordinal));
    }

    public void Dispose() => _cli.Dispose();
}
