using BulkResume.Cli.Tests.Support;

namespace BulkResume.Cli.Tests.Commands;

/// <summary>What an interrupted bulk action shows: what was done, what remains when it was counted, the cursor, the command that continues.</summary>
public sealed class InterruptedRunTests : IDisposable
{
    private readonly CliHarness _cli = new();

    [Fact]
    public async Task A_counted_selection_stopped_after_a_page_says_what_remains_and_the_command_that_continues()
    {
        await _cli.SeedAsync(120, CliHarness.OrdersUrl);
        _cli.RequestStopAfterFirstPage();

        var run = await _cli.RunAsync("resume", "--workflow-url", CliHarness.OrdersUrl, "--page-size", "50", "--confirm-above", "1000");

        var cursor = CursorOf(run.Console);
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("Stopped before the selection was finished: resumed 50; 70 of the 120 counted before starting remain.", run.Console, StringComparison.Ordinal);
        Assert.Contains($"Continue with:\n  bulkresume resume --workflow-url {CliHarness.OrdersUrl} --page-size 50 --confirm-above 1000 --resume-from {cursor}\n", run.Console.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Equal(70, (await _cli.EntriesAsync()).Count);
    }

    [Fact]
    public async Task The_printed_command_continues_the_run_and_replaces_an_earlier_cursor()
    {
        await _cli.SeedAsync(120, CliHarness.OrdersUrl);
        _cli.RequestStopAfterFirstPage();
        var first = await _cli.RunAsync("resume", "--workflow-url", CliHarness.OrdersUrl, "--page-size", "50", "--yes");
        _cli.RequestStopAfterFirstPage();
        var second = await _cli.RunAsync(first.ContinueCommand());

        var third = await _cli.RunAsync(second.ContinueCommand());

        Assert.Equal((3, 3, 0), (first.ExitCode, second.ExitCode, third.ExitCode));
        Assert.Single(second.ContinueCommand(), argument => argument == "--resume-from");
        Assert.Contains("Resumed 20 runs", third.Console, StringComparison.Ordinal);
        Assert.Empty(await _cli.EntriesAsync());
    }

    [Fact]
    public async Task The_printed_command_keeps_the_times_a_relative_flag_stood_for_so_it_continues_later()
    {
        await _cli.SeedAsync(120, CliHarness.OrdersUrl);
        _cli.Clock.Advance(TimeSpan.FromMilliseconds(123));
        _cli.RequestStopAfterFirstPage();
        var first = await _cli.RunAsync("resume", "--from", "-3h", "--to=now", "--page-size", "50", "--yes");
        _cli.Clock.Advance(TimeSpan.FromMinutes(30));

        var continued = await _cli.RunAsync(first.ContinueCommand());

        var started = CliHarness.Now.AddMilliseconds(123);
        Assert.Equal((3, 0), (first.ExitCode, continued.ExitCode));
        Assert.Contains($"--from {started.AddHours(-3):yyyy-MM-dd'T'HH:mm:ss.fff}+00:00 --to {started:yyyy-MM-dd'T'HH:mm:ss.fff}+00:00", string.Join(' ', first.ContinueCommand()), StringComparison.Ordinal);
        Assert.Contains("Resumed 70 runs", continued.Console, StringComparison.Ordinal);
        Assert.Empty(await _cli.EntriesAsync());
    }

    [Fact]
    public async Task On_a_terminal_the_bar_stays_where_it_stopped()
    {
        await _cli.SeedAsync(120, CliHarness.OrdersUrl);
        _cli.Interactive = true;
        _cli.RequestStopAfterFirstPage();

        var run = await _cli.RunAsync("resume", "--workflow-url", CliHarness.OrdersUrl, "--page-size", "50", "--confirm-above", "1000");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("Resuming stopped: 50 of 120 entries", run.Console, StringComparison.Ordinal);
        Assert.Contains(" 41% ", run.Console, StringComparison.Ordinal);
        Assert.DoesNotContain("100%", run.Console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Uncounted_with_yes_it_shows_no_bar_and_does_not_guess_what_remains()
    {
        await _cli.SeedAsync(120, CliHarness.OrdersUrl);
        _cli.Interactive = true;
        _cli.RequestStopAfterFirstPage();

        var run = await _cli.RunAsync("resume", "--workflow-url", CliHarness.OrdersUrl, "--page-size", "50", "--yes");

        Assert.Equal(3, run.ExitCode);
        Assert.DoesNotContain("%", run.Console, StringComparison.Ordinal);
        Assert.Contains("resumed 50; the rest of the selection remains in the DLQ.", run.Console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_carries_the_remaining_count_and_the_command_that_continues()
    {
        await _cli.SeedAsync(120, CliHarness.OrdersUrl);
        _cli.RequestStopAfterFirstPage();

        var run = await _cli.RunAsync("resume", "--workflow-url", CliHarness.OrdersUrl, "--page-size", "50", "--confirm-above", "1000", "--json");

        var json = run.Json();
        var cursor = json.GetProperty("cursor").GetString();
        Assert.Equal(("interrupted", 50, 70), (json.GetProperty("status").GetString(), json.GetProperty("processed").GetInt32(), json.GetProperty("remaining").GetInt64()));
        Assert.Equal($"bulkresume resume --workflow-url {CliHarness.OrdersUrl} --page-size 50 --confirm-above 1000 --json --resume-from {cursor}", json.GetProperty("continueWith").GetString());
        Assert.Contains($"Cursor: {cursor}", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_given_as_a_flag_is_left_out_of_the_command_and_the_operator_is_told_to_pass_it_again()
    {
        await _cli.SeedAsync(60, CliHarness.OrdersUrl);
        _cli.Variables.Clear();
        _cli.RequestStopAfterFirstPage();

        var run = await _cli.RunAsync("resume", "--all", "--token", _cli.Server.Token, "--url", CliHarness.EngineUrl, "--page-size", "50", "--yes");

        Assert.Equal(3, run.ExitCode);
        Assert.DoesNotContain(_cli.Server.Token, run.Console, StringComparison.Ordinal);
        Assert.Contains("Continue with (pass your token again with --token, or set QSTASH_TOKEN):", run.Console, StringComparison.Ordinal);
        Assert.Contains($"  bulkresume resume --all --url {CliHarness.EngineUrl} --page-size 50 --yes --resume-from ", run.Console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redirected_output_keeps_every_line_whole_and_times_in_ISO_8601()
    {
        var longUrl = "https://shop.example.com/api/workflows/" + new string('w', 200);
        await _cli.SeedAsync(60, longUrl);
        _cli.RedirectedOutput = true;

        var list = await _cli.RunAsync("list", "--workflow-url", longUrl, "--limit", "1");
        _cli.RequestStopAfterFirstPage();
        var run = await _cli.RunAsync("resume", "--workflow-url", longUrl, "--page-size", "50", "--yes");

        var lines = run.Console.ReplaceLineEndings("\n").Split('\n');
        var cursor = CursorOf(run.Console);
        Assert.Contains($"Cursor: {cursor}", lines);
        Assert.Contains($"  bulkresume resume --workflow-url {longUrl} --page-size 50 --yes --resume-from {cursor}", lines);
        Assert.Contains("resumed 50 entries in", run.Console, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", run.Console, StringComparison.Ordinal);
        Assert.Matches($@"(?m)^.*{System.Text.RegularExpressions.Regex.Escape(longUrl)}.*2025-07-18T1\d:\d\d:00\+00:00.*$", list.Console);
    }

    public void Dispose() => _cli.Dispose();

    private static string CursorOf(string console) =>
        console.ReplaceLineEndings("\n").Split('\n').Single(line => line.StartsWith("Cursor: ", StringComparison.Ordinal))["Cursor: ".Length..];
}
