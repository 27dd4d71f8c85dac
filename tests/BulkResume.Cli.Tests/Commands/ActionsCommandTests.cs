using System.Text.Json;
using BulkResume.Cli.Tests.Support;

namespace BulkResume.Cli.Tests.Commands;

/// <summary><c>actions list|show|watch</c> against the service's bulk-action endpoints (WireMock on loopback).</summary>
public sealed class ActionsCommandTests : IDisposable
{
    private readonly ActionService _service = new();
    private readonly CliHarness _cli;

    public ActionsCommandTests() => _cli = _service.Cli();

    public void Dispose()
    {
        _cli.Dispose();
        _service.Dispose();
    }

    [Fact]
    public async Task List_reads_every_page_past_empty_ones_and_shows_each_action()
    {
        _service.Lists(
            [ActionService.Action("act_1", "resume", "IN_PROGRESS", 1200, 20000)],
            [],
            [ActionService.Action("act_2", "delete", "FINISHED", 5, 5, "{}")]);

        var run = await _cli.RunAsync("actions", "list");

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("2 bulk actions (the service keeps each 7 days).", run.Console, StringComparison.Ordinal);
        Assert.Contains("1200 of 20000 (6%)", run.Console, StringComparison.Ordinal);
        Assert.Contains($"workflowUrl={CliHarness.OrdersUrl}", run.Console, StringComparison.Ordinal);
        Assert.Contains("every entry", run.Console, StringComparison.Ordinal);
        Assert.Equal(3, _service.Requests.Count);
    }

    [Theory]
    [InlineData("in-progress", "IN_PROGRESS")]
    [InlineData("FINISHED", "FINISHED")]
    public async Task List_state_is_sent_as_the_services_state(string flag, string wire)
    {
        _service.Lists([ActionService.Action("act_1", "resume", wire, 3, 3)]);

        var run = await _cli.RunAsync("actions", "list", "--state", flag, "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal([wire], Assert.Single(_service.Requests).Query!["state"]);
        Assert.Equal(flag.ToLowerInvariant(), run.Json().GetProperty("state").GetString());
    }

    [Fact]
    public async Task List_json_counts_every_action_and_shows_up_to_the_limit()
    {
        _service.Lists(
            [ActionService.Action("act_1", "resume", "IN_PROGRESS", 1, 3), ActionService.Action("act_2", "cancel", "FINISHED", 2, 2)],
            [ActionService.Action("act_3", "rewind", "PAUSED", 0, 9)]);

        var run = await _cli.RunAsync("actions", "list", "--limit", "2", "--json");

        var json = run.Json();
        Assert.Equal(0, run.ExitCode);
        Assert.Equal((3L, true, JsonValueKind.Null), (json.GetProperty("count").GetInt64(), json.GetProperty("truncated").GetBoolean(), json.GetProperty("state").ValueKind));
        var actions = json.GetProperty("actions").EnumerateArray().ToArray();
        Assert.Equal(["act_1", "act_2"], actions.Select(action => action.GetProperty("actionId").GetString()));
        Assert.Equal(("cancel", "FINISHED"), (actions[1].GetProperty("kind").GetString(), actions[1].GetProperty("state").GetString()));
        Assert.Equal(
            ["actionId", "completedAt", "createdAt", "filter", "kind", "processed", "state", "total"],
            actions[0].EnumerateObject().Select(property => property.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Show_prints_the_fields_and_for_a_running_action_the_command_that_watches_it()
    {
        _service.Reads("act_1", ActionService.Action("act_1", "restart", "IN_PROGRESS", 10, 40, """{"label":["eu","us"],"fromDate":["1752829295505"]}"""));

        var run = await _cli.RunAsync("actions", "show", "act_1");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("restart", run.Console, StringComparison.Ordinal);
        Assert.Contains("in-progress", run.Console, StringComparison.Ordinal);
        Assert.Contains("10 of 40 (25%)", run.Console, StringComparison.Ordinal);
        Assert.Contains("label=eu,us; fromDate=1752829295505", run.Console, StringComparison.Ordinal);
        Assert.Contains("2025-07-18T09:01:35.505+00:00", run.Console, StringComparison.Ordinal);
        Assert.Contains($"  bulkresume actions watch act_1 --url {_service.Url}", run.Console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_json_is_the_action_and_the_target()
    {
        _service.Reads("act_1", ActionService.Action("act_1", "delete", "FINISHED", 4, 4));

        var run = await _cli.RunAsync("actions", "show", "act_1", "--json");

        var json = run.Json();
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(_service.Url, json.GetProperty("target").GetString());
        Assert.Equal(("act_1", 4L), (json.GetProperty("action").GetProperty("actionId").GetString(), json.GetProperty("action").GetProperty("processed").GetInt64()));
    }

    [Theory]
    [InlineData("show")]
    [InlineData("watch")]
    public async Task An_unknown_action_is_one_line_saying_why_and_exit_1(string command)
    {
        _service.Reads("act_gone", (404, """{"error":"bulk action not found"}"""));

        var run = await _cli.RunAsync("actions", command, "act_gone");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"error: {_service.Url} has no bulk action 'act_gone': it is unknown, or was created more than 7 days ago", run.Stderr, StringComparison.Ordinal);
        Assert.Contains($"See bulkresume actions list --url {_service.Url}.", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("delete", "Deleted 5 entries (bulk action act_1).")]
    [InlineData("cancel", "Cancelled 5 runs (bulk action act_1).")]
    [InlineData("rewind", "Processed 5 entries (bulk action act_1).")]
    public async Task Watch_follows_an_action_started_elsewhere_to_the_line_of_its_kind(string kind, string last)
    {
        _service.Reads("act_1", ActionService.Action("act_1", kind, "IN_PROGRESS", 2, 5), ActionService.Action("act_1", kind, "FINISHED", 5, 5));

        var run = await _cli.RunAsync("actions", "watch", "act_1");

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains(last, run.Console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_json_is_one_document_naming_no_selection_of_its_own()
    {
        _service.Reads("act_1", ActionService.Action("act_1", "resume", "FINISHED", 5, 5));

        var run = await _cli.RunAsync("actions", "watch", "act_1", "--json");

        var json = run.Json();
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(("actions watch", JsonValueKind.Null, "done"), (json.GetProperty("command").GetString(), json.GetProperty("filter").ValueKind, json.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Ctrl_c_while_watching_an_action_prints_the_same_watch_command_again()
    {
        _service.Reads("act_1", ActionService.Action("act_1", "resume", "IN_PROGRESS", 2, 5));
        _cli.RequestStopWhen(ActionService.NthRead(2));

        var run = await _cli.RunAsync("actions", "watch", "act_1");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("Stopped watching bulk action act_1 (resumed 2 of 5 so far): the action goes on.", run.Console, StringComparison.Ordinal);
        Assert.Contains($"  bulkresume actions watch act_1 --url {_service.Url}", run.Console, StringComparison.Ordinal);
    }
}
