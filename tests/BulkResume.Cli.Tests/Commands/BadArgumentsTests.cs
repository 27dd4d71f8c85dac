using BulkResume.Cli.Tests.Support;

namespace BulkResume.Cli.Tests.Commands;

public sealed class BadArgumentsTests : IDisposable
{
    private readonly CliHarness _cli = new();

    [Theory]
    [InlineData("--from", new[] { "resume", "--from", "yesterday" })]
    [InlineData("--all", new[] { "resume" })]
    [InlineData("--all", new[] { "delete", "--yes" })]
    [InlineData("--all", new[] { "restart", "--all", "--url", CliHarness.OrdersUrl })]
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
        Assert.Equal(0, _cli.TargetsOpened);
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
