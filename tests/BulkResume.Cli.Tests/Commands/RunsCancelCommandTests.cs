using System.Text.Json;
using BulkResume.Cli.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace BulkResume.Cli.Tests.Commands;

/// <summary>
/// <c>runs cancel</c> against the service's <c>DELETE /v2/workflows/runs</c> (WireMock on loopback): the selection sent
/// exactly as asked (an exact URL unless a prefix is asked for by name, never an empty one), the confirmation of a
/// delete, the count and its <c>--json</c>; with <c>--async</c>, one request that starts a bulk action, followed to the
/// same last line.
/// </summary>
public sealed class RunsCancelCommandTests : IDisposable
{
    private const string RunsPath = "/v2/workflows/runs";
    private const string ActionId = "act_cancel";

    private readonly ActionService _service = new();
    private readonly CliHarness _cli;

    public RunsCancelCommandTests()
    {
        _cli = _service.Cli();
        _service.Server.Given(Request.Create().WithPath(RunsPath).UsingDelete())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("""{"cancelled":4}"""));
    }

    public void Dispose()
    {
        _cli.Dispose();
        _service.Dispose();
    }

    [Fact]
    public async Task A_workflow_url_is_sent_as_an_exact_match_with_the_other_filters()
    {
        var run = await _cli.RunAsync("runs", "cancel", "--workflow-url", CliHarness.OrdersUrl, "--label", "eu", "--from", "-2h", "--to", "-1h", "--yes");

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains($"Cancelled 4 runs (--workflow-url {CliHarness.OrdersUrl} --from 2025-07-18T10:00:00+00:00 --to 2025-07-18T11:00:00+00:00 --label eu).", run.Console, StringComparison.Ordinal);
        var query = Assert.Single(_service.Requests).Query!;
        Assert.Equal([CliHarness.OrdersUrl], query["workflowUrl"]);
        Assert.Equal(["true"], query["workflowUrlExactMatch"]);
        Assert.Equal(["eu"], query["label"]);
        Assert.Equal([CliHarness.Now.AddHours(-2).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture)], query["fromDate"]);
        Assert.Equal([CliHarness.Now.AddHours(-1).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture)], query["toDate"]);
    }

    [Fact]
    public async Task A_prefix_is_sent_only_when_asked_for_by_name()
    {
        var run = await _cli.RunAsync("runs", "cancel", "--workflow-url-prefix", "https://shop.example.com/api/", "--yes");

        Assert.Equal(0, run.ExitCode);
        var query = Assert.Single(_service.Requests).Query!;
        Assert.Equal(["https://shop.example.com/api/"], query["workflowUrl"]);
        Assert.False(query.ContainsKey("workflowUrlExactMatch"));
    }

    [Fact]
    public async Task All_sends_no_filter_and_json_reports_the_count()
    {
        var run = await _cli.RunAsync("runs", "cancel", "--all", "--yes", "--json");

        var json = run.Json();
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(("runs cancel", "--all", "done", 4L, false), (json.GetProperty("command").GetString(), json.GetProperty("filter").GetString(), json.GetProperty("status").GetString(), json.GetProperty("cancelled").GetInt64(), json.GetProperty("mayHaveCancelledMore").GetBoolean()));
        Assert.Empty(Assert.Single(_service.Requests).Query ?? new Dictionary<string, WireMock.Types.WireMockList<string>>());
    }

    [Fact]
    public async Task One_run_id_or_a_list_below_the_threshold_cancels_without_asking()
    {
        var one = await _cli.RunAsync("runs", "cancel", "wfr_1");
        var list = await _cli.RunAsync("runs", "cancel", "--ids", "wfr_1,wfr_2");

        Assert.Equal((0, 0), (one.ExitCode, list.ExitCode));
        Assert.Equal([["wfr_1"], ["wfr_1", "wfr_2"]], _service.Requests.Select(request => request.Query!["workflowRunIds"].ToArray()));
    }

    [Fact]
    public async Task A_selection_by_filters_without_a_terminal_needs_yes_and_sends_nothing()
    {
        var run = await _cli.RunAsync("runs", "cancel", "--label", "eu");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Cancelling the runs in progress (--label eu) needs a confirmation (a selection by filters can't be counted first)", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("Pass --yes to cancel them.", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(_service.Requests);
    }

    [Theory]
    [InlineData("y", 0, 1)]
    [InlineData("n", 1, 0)]
    public async Task On_a_terminal_it_asks(string answer, int exitCode, int requests)
    {
        _cli.Interactive = true;
        _cli.Answers.Add(answer);

        var run = await _cli.RunAsync("runs", "cancel", "--all");

        Assert.Equal(exitCode, run.ExitCode);
        Assert.Contains("Cancel the runs in progress matching --all?", run.Console, StringComparison.Ordinal);
        Assert.Equal(requests, _service.Requests.Count);
    }

    [Theory]
    [InlineData("--all", "runs cancel needs a selection", new[] { "runs", "cancel", "--yes" })]
    [InlineData("--workflow-url-prefix", "--workflow-url-prefix can't be combined with --workflow-url", new[] { "runs", "cancel", "--workflow-url", "https://a.example/x", "--workflow-url-prefix", "https://a.example/", "--yes" })]
    [InlineData("--all", "--all can't be combined with --label", new[] { "runs", "cancel", "--all", "--label", "eu", "--yes" })]
    [InlineData("--ids", "--ids can't be combined with --label", new[] { "runs", "cancel", "--ids", "wfr_1", "--label", "eu", "--yes" })]
    [InlineData("--label", "A run id to cancel can't be combined with --label", new[] { "runs", "cancel", "wfr_1", "--label", "eu" })]
    [InlineData("--ids-file", "Pass a readable file with one run id per line.", new[] { "runs", "cancel", "--ids-file", "/nonexistent/ids.txt" })]
    [InlineData("--caller-ip", "--caller-ip 'not-an-ip'", new[] { "runs", "cancel", "--caller-ip", "not-an-ip", "--yes" })]
    [InlineData("--from", "--from 'yesterday' is not a time", new[] { "runs", "cancel", "--from", "yesterday", "--yes" })]
    [InlineData("--async", "A run id can't be used with --async: a bulk action covers a selection by filters.", new[] { "runs", "cancel", "wfr_1", "--async", "--yes" })]
    [InlineData("--ids", "--ids can't be used with --async: a bulk action covers a selection by filters, not a list of ids.", new[] { "runs", "cancel", "--ids", "wfr_1,wfr_2", "--async", "--yes" })]
    [InlineData("--ids-file", "--ids-file can't be used with --async", new[] { "runs", "cancel", "--ids-file", "/nonexistent/ids.txt", "--async", "--yes" })]
    [InlineData("--detach", "--detach goes with --async", new[] { "runs", "cancel", "--all", "--detach", "--yes" })]
    [InlineData("--detach", "the --demo DLQ lives in this process", new[] { "runs", "cancel", "--all", "--async", "--detach", "--demo", "--yes" })]
    public async Task Exit_2_naming_the_flag_before_anything_is_sent(string flag, string expected, string[] args)
    {
        var run = await _cli.RunAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(flag, run.Stderr, StringComparison.Ordinal);
        Assert.Contains(expected, run.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, _cli.RequestsSent);
    }

    [Fact]
    public async Task Nothing_in_progress_says_nothing_was_cancelled()
    {
        using var service = new ActionService();
        service.Server.Given(Request.Create().WithPath(RunsPath).UsingDelete())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("""{"cancelled":0}"""));
        using var cli = service.Cli();

        var run = await cli.RunAsync("runs", "cancel", "wfr_done", "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(0, run.Json().GetProperty("cancelled").GetInt64());
        Assert.Contains("No run of the selection was in progress", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Async_starts_one_cancel_action_with_the_sync_query_and_follows_it_to_the_sync_commands_last_line()
    {
        StartsCancel();
        _service.Reads(ActionId, ActionService.Action(ActionId, "cancel", "IN_PROGRESS", 0, 3), ActionService.Action(ActionId, "cancel", "IN_PROGRESS", 2, 3), ActionService.Action(ActionId, "cancel", "FINISHED", 3, 3));

        var run = await _cli.RunAsync("runs", "cancel", "--workflow-url", CliHarness.OrdersUrl, "--label", "eu", "--async", "--yes");

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains($"Started bulk action {ActionId}: cancel --workflow-url {CliHarness.OrdersUrl} --label eu.", run.Console, StringComparison.Ordinal);
        Assert.EndsWith($"Cancelled 3 runs (--workflow-url {CliHarness.OrdersUrl} --label eu).", run.Console.TrimEnd(), StringComparison.Ordinal);
        var start = Assert.Single(_service.Requests, request => request.Method == "DELETE");
        Assert.Equal(RunsPath, start.Path);
        Assert.Equal(
            $"workflowUrl={Uri.EscapeDataString(CliHarness.OrdersUrl)}&workflowUrlExactMatch=true&label=eu&async=true",
            new Uri(start.AbsoluteUrl).Query.TrimStart('?'));
        Assert.Equal(3, _service.ReadsOf(ActionId));
    }

    [Fact]
    public async Task Async_detach_with_json_returns_at_once_with_the_watch_command()
    {
        StartsCancel();

        var run = await _cli.RunAsync("runs", "cancel", "--all", "--async", "--detach", "--yes", "--json");

        var json = run.Json();
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(("runs cancel", "detached", ActionId), (json.GetProperty("command").GetString(), json.GetProperty("status").GetString(), json.GetProperty("actionId").GetString()));
        Assert.Contains($"actions watch {ActionId}", json.GetProperty("watchWith").GetString(), StringComparison.Ordinal);
        Assert.Equal(["true"], Assert.Single(_service.Requests).Query!["async"].ToArray());
        Assert.Equal(0, _service.ReadsOf(ActionId));
    }

    [Fact]
    public async Task Async_by_filters_still_needs_yes_without_a_terminal_and_sends_nothing()
    {
        var run = await _cli.RunAsync("runs", "cancel", "--label", "eu", "--async");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Pass --yes to cancel them.", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(_service.Requests);
    }

    /// <summary>The cancel answers <see cref="ActionId"/> (in place of the sync cancel's count) when sent with <c>async=true</c>.</summary>
    private void StartsCancel()
    {
        _service.Server.ResetMappings();
        _service.Server.Given(Request.Create().WithPath(RunsPath).WithParam("async", "true").UsingDelete())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody($$"""{"actionId":"{{ActionId}}"}"""));
    }
}
