using System.Text.Json;
using BulkResume.Cli.Tests.Support;
using BulkResume.Engine;

namespace BulkResume.Cli.Tests.Commands;

public sealed class ResumeCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    [Fact]
    public async Task Dry_run_shows_the_selection_and_changes_nothing()
    {
        await _cli.SeedAsync(3, CliHarness.OrdersUrl);

        var run = await _cli.RunAsync("resume", "--workflow-url", CliHarness.OrdersUrl, "--dry-run");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("3 entries match", run.Console, StringComparison.Ordinal);
        Assert.Contains("Dry run: nothing was resumed.", run.Console, StringComparison.Ordinal);
        Assert.Equal(3, (await _cli.EntriesAsync()).Count);
    }

    [Fact]
    public async Task Yes_resumes_the_selection_and_prints_the_count()
    {
        await _cli.SeedAsync(3, CliHarness.OrdersUrl);
        await _cli.SeedAsync(2, CliHarness.InvoiceUrl);

        var run = await _cli.RunAsync("resume", "--workflow-url", CliHarness.OrdersUrl, "--yes");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"Resumed 3 runs (--workflow-url {CliHarness.OrdersUrl}).", run.Console, StringComparison.Ordinal);
        Assert.Contains("resumed 3 entries in", run.Console, StringComparison.Ordinal);
        Assert.All(await _cli.EntriesAsync(), entry => Assert.Equal(CliHarness.InvoiceUrl, entry.WorkflowUrl));
    }

    [Fact]
    public async Task Json_lists_the_new_runs()
    {
        await _cli.SeedAsync(3, CliHarness.OrdersUrl);

        var run = await _cli.RunAsync("resume", "--workflow-url", CliHarness.OrdersUrl, "--retries", "1", "--flow-control", "payments:parallelism=2", "--yes", "--json");

        var json = run.Json();
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(("done", 3, 3), (json.GetProperty("status").GetString(), json.GetProperty("processed").GetInt32(), json.GetProperty("runs").GetArrayLength()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.GetProperty("cursor").ValueKind);
    }

    [Fact]
    public async Task The_override_flags_reach_the_new_runs()
    {
        await _cli.SeedAsync(1, CliHarness.OrdersUrl, run => run.WithMaxRetries(5).WithFlowControlKey("old", parallelism: 1));

        var run = await _cli.RunAsync("resume", "--all", "--retries", "2", "--flow-control", "payments:rate=10,period=5m", "--yes", "--json");

        var configuration = await NewRunConfigurationAsync(run);
        Assert.Equal((2, "payments", (int?)10, (TimeSpan?)TimeSpan.FromMinutes(5)), (configuration.Retries, configuration.FlowControlKey, configuration.Rate, configuration.Period));
    }

    [Fact]
    public async Task Without_override_flags_the_new_run_keeps_its_own_settings()
    {
        await _cli.SeedAsync(1, CliHarness.OrdersUrl, run => run.WithMaxRetries(5).WithFlowControlKey("old", parallelism: 1));

        var run = await _cli.RunAsync("resume", "--all", "--yes", "--json");

        var configuration = await NewRunConfigurationAsync(run);
        Assert.Equal((5, "old", (int?)1, (int?)null), (configuration.Retries, configuration.FlowControlKey, configuration.Parallelism, configuration.Rate));
    }

    [Fact]
    public async Task At_or_below_the_threshold_it_acts_without_asking()
    {
        await _cli.SeedAsync(3, CliHarness.OrdersUrl);

        var run = await _cli.RunAsync("resume", "--workflow-url", CliHarness.OrdersUrl, "--confirm-above", "3");

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(await _cli.EntriesAsync());
    }

    [Fact]
    public async Task Above_the_threshold_without_a_terminal_it_exits_2_and_says_to_pass_yes()
    {
        await _cli.SeedAsync(120, CliHarness.OrdersUrl);

        var run = await _cli.RunAsync("resume", "--all");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("120 entries match (--all), more than --confirm-above 100", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("Pass --yes to resume them", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(120, (await _cli.EntriesAsync()).Count);
    }

    [Fact]
    public async Task Above_the_threshold_with_json_it_needs_yes_even_on_a_terminal()
    {
        await _cli.SeedAsync(2, CliHarness.OrdersUrl);
        _cli.Interactive = true;

        var run = await _cli.RunAsync("resume", "--all", "--confirm-above", "1", "--json");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("(--json is set)", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Stdout);
    }

    [Theory]
    [InlineData("y", 0, 0)]
    [InlineData("n", 1, 2)]
    public async Task Above_the_threshold_on_a_terminal_it_asks(string answer, int exitCode, int left)
    {
        await _cli.SeedAsync(2, CliHarness.OrdersUrl);
        _cli.Interactive = true;
        _cli.Answers.Add(answer);

        var run = await _cli.RunAsync("resume", "--all", "--confirm-above", "1");

        Assert.Equal(exitCode, run.ExitCode);
        Assert.Contains("Resume 2 entries matching --all?", run.Console, StringComparison.Ordinal);
        Assert.Equal(left, (await _cli.EntriesAsync()).Count);
    }

    [Fact]
    public async Task Ctrl_c_stops_after_the_page_in_flight_and_resume_from_continues()
    {
        await _cli.SeedAsync(120, CliHarness.OrdersUrl);
        _cli.RequestStopAfterFirstPage();

        var stopped = await _cli.RunAsync("resume", "--workflow-url", CliHarness.OrdersUrl, "--page-size", "50", "--yes", "--json");

        var first = stopped.Json();
        var cursor = first.GetProperty("cursor").GetString();
        Assert.Equal(3, stopped.ExitCode);
        Assert.Equal(("interrupted", 50), (first.GetProperty("status").GetString(), first.GetProperty("processed").GetInt32()));
        Assert.Contains($"--resume-from {cursor}", stopped.Stderr, StringComparison.Ordinal);
        Assert.Equal(70, (await _cli.EntriesAsync()).Count);

        var continued = await _cli.RunAsync("resume", "--workflow-url", CliHarness.OrdersUrl, "--page-size", "50", "--yes", "--json", "--resume-from", cursor!);

        Assert.Equal(0, continued.ExitCode);
        Assert.Equal(70, continued.Json().GetProperty("processed").GetInt32());
        Assert.Empty(await _cli.EntriesAsync());
    }

    [Fact]
    public async Task Ctrl_c_before_the_first_page_sends_nothing_and_prints_the_same_command_to_start_again()
    {
        await _cli.SeedAsync(120, CliHarness.OrdersUrl);
        _cli.RequestStop();

        var stopped = await _cli.RunAsync("resume", "--workflow-url", CliHarness.OrdersUrl, "--page-size", "50", "--yes", "--json");

        var json = stopped.Json();
        Assert.Equal(3, stopped.ExitCode);
        Assert.Equal(("interrupted", 0), (json.GetProperty("status").GetString(), json.GetProperty("processed").GetInt32()));
        Assert.Equal(JsonValueKind.Null, json.GetProperty("cursor").ValueKind);
        Assert.Equal($"bulkresume resume --workflow-url {CliHarness.OrdersUrl} --page-size 50 --yes --json", json.GetProperty("continueWith").GetString());
        Assert.Equal(120, (await _cli.EntriesAsync()).Count);
    }

    [Fact]
    public async Task A_page_that_fails_after_others_succeeded_is_partial_with_the_cursor_to_continue()
    {
        using var cli = new CliHarness(engine => new FailingRequestHandler(engine, failingRequest: 2));
        await cli.SeedAsync(120, CliHarness.OrdersUrl);

        var run = await cli.RunAsync("resume", "--all", "--page-size", "50", "--yes", "--json");

        var json = run.Json();
        Assert.Equal(3, run.ExitCode);
        Assert.Equal(("partial", 50), (json.GetProperty("status").GetString(), json.GetProperty("processed").GetInt32()));
        Assert.NotNull(json.GetProperty("cursor").GetString());
        Assert.Contains($"{CliHarness.EngineUrl} answered 400: injected failure", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_first_page_that_fails_is_a_failure()
    {
        using var cli = new CliHarness(engine => new FailingRequestHandler(engine, failingRequest: 1));
        await cli.SeedAsync(3, CliHarness.OrdersUrl);

        var run = await cli.RunAsync("resume", "--all", "--yes");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{CliHarness.EngineUrl} answered 400: injected failure", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(3, (await cli.EntriesAsync()).Count);
    }

    private async Task<WorkflowRunConfiguration> NewRunConfigurationAsync(CliRun run)
    {
        Assert.Equal(0, run.ExitCode);
        var runId = Assert.Single(run.Json().GetProperty("runs").EnumerateArray()).GetProperty("workflowRunId").GetString()!;
        var record = await _cli.Server.Engine.Store.GetRunAsync(runId);
        return Assert.IsType<RunRecord>(record).Configuration;
    }

    public void Dispose() => _cli.Dispose();
}
