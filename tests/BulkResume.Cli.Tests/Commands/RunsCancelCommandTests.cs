using System.Text.Json;
using BulkResume.Cli.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace BulkResume.Cli.Tests.Commands;

/// <summary>
/// <c>runs cancel</c> against the service's <c>DELETE /v2/workflows/runs</c> (WireMock on loopback): the selection sent
/// exactly as asked (an exact URL unless a prefix is asked for by name, never an empty one), the confirmation of a
/// delete, the count and its <c>--json</c>.
/// </summary>
public sealed class RunsCancelCommandTests : IDisposable
{
    private const string RunsPath = "/v2/workflows/runs";

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
}
