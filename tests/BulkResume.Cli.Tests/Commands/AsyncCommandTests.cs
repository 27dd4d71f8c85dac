using System.Text.Json;
using BulkResume.Cli.Tests.Support;

namespace BulkResume.Cli.Tests.Commands;

/// <summary>
/// <c>resume|restart|delete --async</c> against the service's bulk-action endpoints (WireMock on loopback): one request
/// starts the action with the selection and overrides, its id is printed, its status is read until it finishes, and
/// the command ends with the paged command's line; Ctrl+C or a failed read stop watching, never the action, and print
/// the command that watches it again.
/// </summary>
public sealed class AsyncCommandTests : IDisposable
{
    private const string Id = "act_1";

    private readonly ActionService _service = new();
    private readonly CliHarness _cli;

    public AsyncCommandTests() => _cli = _service.Cli();

    public void Dispose()
    {
        _cli.Dispose();
        _service.Dispose();
    }

    [Fact]
    public async Task Resume_async_starts_one_action_with_the_selection_and_overrides_and_follows_it_to_the_sync_commands_last_line()
    {
        _service.Starts("POST", ActionService.ResumeBulkPath, Id);
        _service.Reads(Id, ActionService.Action(Id, "resume", "IN_PROGRESS", 0, 3), ActionService.Action(Id, "resume", "IN_PROGRESS", 2, 3), ActionService.Action(Id, "resume", "FINISHED", 3, 3));

        var run = await _cli.RunAsync("resume", "--workflow-url", CliHarness.OrdersUrl, "--retries", "2", "--async", "--yes");

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains($"Started bulk action {Id}: resume --workflow-url {CliHarness.OrdersUrl}.", run.Console, StringComparison.Ordinal);
        Assert.EndsWith($"Resumed 3 runs (--workflow-url {CliHarness.OrdersUrl}).", run.Console.TrimEnd(), StringComparison.Ordinal);
        var start = Assert.Single(_service.Requests, request => request.Method != "GET");
        Assert.Equal(("POST", ActionService.ResumeBulkPath), (start.Method, start.Path));
        Assert.Equal([CliHarness.OrdersUrl], start.Query!["workflowUrl"]);
        Assert.Equal("2", start.Headers!["Upstash-Retries"].Single());
        Assert.Equal(3, _service.ReadsOf(Id));
    }

    [Fact]
    public async Task Redirected_output_gets_a_line_each_time_the_action_moves()
    {
        _service.Starts("POST", ActionService.RestartBulkPath, Id);
        _service.Reads(
            Id,
            ActionService.Action(Id, "restart", "IN_PROGRESS", 0, 4),
            ActionService.Action(Id, "restart", "IN_PROGRESS", 0, 4),
            ActionService.Action(Id, "restart", "IN_PROGRESS", 3, 4),
            ActionService.Action(Id, "restart", "FINISHED", 4, 4));
        _cli.RedirectedOutput = true;

        var run = await _cli.RunAsync("restart", "--label", "eu", "--async", "--yes");

        Assert.Equal(0, run.ExitCode);
        var progress = run.Console.Split('\n').Where(line => line.StartsWith("restarted ", StringComparison.Ordinal)).Select(line => line.Split(" entries")[0]).ToArray();
        Assert.Equal(["restarted 0 of 4", "restarted 3 of 4", "restarted 4 of 4"], progress);
        Assert.Contains("Restarted 4 runs (--label eu).", run.Console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_async_json_is_one_document_with_the_finished_action()
    {
        _service.Starts("DELETE", ActionService.DeleteBulkPath, Id);
        _service.Reads(Id, ActionService.Action(Id, "delete", "FINISHED", 5, 5, """{"label":["eu","us"]}"""));

        var run = await _cli.RunAsync("delete", "--label", "eu", "--label", "us", "--async", "--yes", "--json");

        Assert.Equal(0, run.ExitCode);
        var json = run.Json();
        Assert.Equal(
            ("delete", "--label eu --label us", "done", Id, JsonValueKind.Null),
            (json.GetProperty("command").GetString(), json.GetProperty("filter").GetString(), json.GetProperty("status").GetString(), json.GetProperty("actionId").GetString(), json.GetProperty("watchWith").ValueKind));
        var action = json.GetProperty("action");
        Assert.Equal(("delete", "FINISHED", 5L, 5L), (action.GetProperty("kind").GetString(), action.GetProperty("state").GetString(), action.GetProperty("total").GetInt64(), action.GetProperty("processed").GetInt64()));
        Assert.Equal(["eu", "us"], action.GetProperty("filter").GetProperty("label").EnumerateArray().Select(value => value.GetString()));
        Assert.NotEqual(JsonValueKind.Null, action.GetProperty("completedAt").ValueKind);
        Assert.Contains($"Started bulk action {Id}", run.Stderr, StringComparison.Ordinal);
        var start = Assert.Single(_service.Requests, request => request.Method == "DELETE");
        Assert.Equal(["eu", "us"], start.Query!["label"]);
    }

    [Fact]
    public async Task An_action_that_finishes_below_its_total_says_how_many_left_the_selection()
    {
        _service.Starts("POST", ActionService.ResumeBulkPath, Id);
        _service.Reads(Id, ActionService.Action(Id, "resume", "FINISHED", 7, 10));

        var run = await _cli.RunAsync("resume", "--all", "--async", "--yes");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Resumed 7 runs (--all).", run.Console, StringComparison.Ordinal);
        Assert.Contains("3 of the 10 counted when the action started left the selection while it ran", run.Console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Detach_prints_the_id_and_the_watch_command_and_returns_without_reading_the_action()
    {
        _service.Starts("POST", ActionService.RestartBulkPath, Id);

        var run = await _cli.RunAsync("restart", "--all", "--async", "--detach", "--yes");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"Started bulk action {Id}: restart --all.", run.Console, StringComparison.Ordinal);
        Assert.Contains("Watch it with:", run.Console, StringComparison.Ordinal);
        Assert.Equal(["actions", "watch", Id, "--url", _service.Url], WatchCommand(run.Console));
        Assert.Single(_service.Requests);
    }

    [Fact]
    public async Task Detach_with_json_says_detached_with_the_watch_command()
    {
        _service.Starts("DELETE", ActionService.DeleteBulkPath, Id);

        var run = await _cli.RunAsync("delete", "--all", "--async", "--detach", "--yes", "--json");

        var json = run.Json();
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(("detached", Id, JsonValueKind.Null), (json.GetProperty("status").GetString(), json.GetProperty("actionId").GetString(), json.GetProperty("action").ValueKind));
        Assert.Equal($"bulkresume actions watch {Id} --url {_service.Url}", json.GetProperty("watchWith").GetString());
    }

    [Fact]
    public async Task Ctrl_c_while_watching_stops_watching_says_the_action_goes_on_and_the_printed_command_watches_it_to_its_end()
    {
        _service.Starts("POST", ActionService.ResumeBulkPath, Id);
        _service.Reads(
            Id,
            ActionService.Action(Id, "resume", "IN_PROGRESS", 0, 3),
            ActionService.Action(Id, "resume", "IN_PROGRESS", 1, 3),
            ActionService.Action(Id, "resume", "IN_PROGRESS", 1, 3),
            ActionService.Action(Id, "resume", "FINISHED", 3, 3));

        // Ctrl+C as the third read is answered: its answer may be dropped, the second's (1 of 3) is the last seen.
        _cli.RequestStopWhen(ActionService.NthRead(3));

        var stopped = await _cli.RunAsync("resume", "--all", "--async", "--yes");

        Assert.True(stopped.ExitCode == 3, stopped.Console + stopped.Stderr);
        Assert.Contains($"Stopped watching bulk action {Id} (resumed 1 of 3 so far): the action goes on.", stopped.Console, StringComparison.Ordinal);
        Assert.DoesNotContain("Resumed", stopped.Console, StringComparison.Ordinal);
        Assert.Contains("Watch it again with:", stopped.Console, StringComparison.Ordinal);
        Assert.Equal(3, _service.ReadsOf(Id));

        var watched = await _cli.RunAsync(WatchCommand(stopped.Console));

        Assert.Equal(0, watched.ExitCode);
        Assert.Contains($"Resumed 3 runs (bulk action {Id}).", watched.Console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ctrl_c_while_watching_with_json_says_stopped_watching_with_the_last_status_read()
    {
        _service.Starts("POST", ActionService.ResumeBulkPath, Id);
        _service.Reads(Id, ActionService.Action(Id, "resume", "IN_PROGRESS", 4, 9));
        _cli.RequestStopWhen(ActionService.NthRead(3));

        var run = await _cli.RunAsync("resume", "--all", "--async", "--yes", "--json");

        var json = run.Json();
        Assert.Equal(3, run.ExitCode);
        Assert.Equal(("stopped-watching", 4L), (json.GetProperty("status").GetString(), json.GetProperty("action").GetProperty("processed").GetInt64()));
        Assert.Equal($"bulkresume actions watch {Id} --url {_service.Url}", json.GetProperty("watchWith").GetString());
    }

    [Fact]
    public async Task Ctrl_c_while_the_action_is_started_still_prints_its_id_and_the_watch_command()
    {
        _service.Starts("POST", ActionService.ResumeBulkPath, Id);
        _cli.RequestStopAfterFirstPage();

        var run = await _cli.RunAsync("resume", "--all", "--async", "--yes");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains($"Stopped watching bulk action {Id}: the action goes on.", run.Console, StringComparison.Ordinal);
        Assert.Equal(["actions", "watch", Id, "--url", _service.Url], WatchCommand(run.Console));
        Assert.Equal(0, _service.ReadsOf(Id));
    }

    [Fact]
    public async Task A_second_ctrl_c_while_the_action_is_started_says_it_may_have_started_and_how_to_see()
    {
        _service.Starts("POST", ActionService.ResumeBulkPath, Id);
        _cli.RequestQuitAfterFirstPage();

        var run = await _cli.RunAsync("resume", "--all", "--async", "--yes");

        Assert.True(run.ExitCode == 3, run.Console + run.Stderr);
        Assert.Contains("the bulk action may have been started, and then goes on", run.Stderr, StringComparison.Ordinal);
        Assert.Contains($"See bulkresume actions list --state in-progress --url {_service.Url}.", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ctrl_c_before_the_start_sends_nothing_that_changes_the_DLQ()
    {
        _service.Starts("POST", ActionService.ResumeBulkPath, Id);
        _cli.RequestStop();

        var run = await _cli.RunAsync("resume", "--all", "--async", "--yes");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Interrupted before anything was changed.", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(_service.Requests);
    }

    [Fact]
    public async Task A_read_that_fails_while_watching_says_the_action_goes_on_with_the_watch_command()
    {
        _service.Starts("POST", ActionService.ResumeBulkPath, Id);
        _service.Reads(Id, (200, ActionService.Action(Id, "resume", "IN_PROGRESS", 1, 3)), (400, """{"error":"injected failure"}"""));

        var run = await _cli.RunAsync("resume", "--all", "--async", "--yes", "--json");

        var json = run.Json();
        Assert.Equal(3, run.ExitCode);
        Assert.Equal(("watch-failed", 1L), (json.GetProperty("status").GetString(), json.GetProperty("action").GetProperty("processed").GetInt64()));
        Assert.Contains("answered 400: injected failure", json.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains($"Could not follow bulk action {Id} (resumed 1 of 3 so far): the action goes on.", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_start_is_a_failure_that_names_the_service_and_its_reason()
    {
        _service.Refuses("POST", ActionService.ResumeBulkPath, 409, "an action with this selection and other overrides is running: act_0");

        var run = await _cli.RunAsync("resume", "--all", "--retries", "1", "--async", "--yes");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"answered 409: an action with this selection and other overrides is running: act_0", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Started bulk action", run.Console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_from_the_flag_is_left_out_of_the_watch_command_which_says_to_pass_it_again()
    {
        _service.Starts("POST", ActionService.ResumeBulkPath, Id);
        _cli.Variables[WorkflowClientOptions.TokenEnvironmentVariable] = null;

        var run = await _cli.RunAsync("resume", "--all", "--async", "--detach", "--yes", "--token", "secret-token");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Watch it with (pass your token again with --token, or set QSTASH_TOKEN):", run.Console, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-token", run.Console, StringComparison.Ordinal);
    }

    /// <summary>The arguments of the printed watch command, without the program's name.</summary>
    private static string[] WatchCommand(string console) =>
        console.ReplaceLineEndings("\n").Split('\n').Single(line => line.StartsWith("  bulkresume actions watch ", StringComparison.Ordinal)).Trim().Split(' ')[1..];
}
