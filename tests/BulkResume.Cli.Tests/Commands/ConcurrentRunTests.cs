using System.Text.Json;
using BulkResume.Cli.Tests.Support;

namespace BulkResume.Cli.Tests.Commands;

/// <summary><c>--concurrency</c>: several requests in flight over disjoint parts, no cursor, and the same command to continue.</summary>
public sealed class ConcurrentRunTests : IDisposable
{
    private readonly CliHarness _cli = new();

    [Fact]
    public async Task Resume_with_concurrency_keeps_several_requests_in_flight_and_resumes_only_the_selection()
    {
        await _cli.SeedAsync(300, CliHarness.OrdersUrl);
        await _cli.SeedAsync(40, CliHarness.InvoiceUrl);
        _cli.Server.Faults.Latency = TimeSpan.FromMilliseconds(30);

        var run = await _cli.RunAsync("resume", "--workflow-url", CliHarness.OrdersUrl, "--concurrency", "8", "--page-size", "20", "--yes", "--json");

        var json = run.Json();
        var runIds = json.GetProperty("runs").EnumerateArray().Select(runDocument => runDocument.GetProperty("workflowRunId").GetString()).ToList();
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(("done", 300), (json.GetProperty("status").GetString(), json.GetProperty("processed").GetInt32()));
        Assert.Equal(300, runIds.Distinct().Count());
        Assert.InRange(_cli.MaxRequestsInFlight, 2, 8);
        Assert.All(await _cli.EntriesAsync(), entry => Assert.Equal(CliHarness.InvoiceUrl, entry.WorkflowUrl));
        Assert.Equal(40, (await _cli.EntriesAsync()).Count);
    }

    [Fact]
    public async Task Delete_with_concurrency_deletes_the_selection_and_nothing_else()
    {
        await _cli.SeedAsync(260, CliHarness.OrdersUrl);
        await _cli.SeedAsync(30, CliHarness.InvoiceUrl);
        _cli.Server.Faults.Latency = TimeSpan.FromMilliseconds(30);

        var run = await _cli.RunAsync("delete", "--workflow-url", CliHarness.OrdersUrl, "--concurrency", "4", "--yes", "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(260, run.Json().GetProperty("deleted").GetInt64());
        Assert.InRange(_cli.MaxRequestsInFlight, 2, 4);
        Assert.Equal(30, (await _cli.EntriesAsync()).Count(entry => entry.WorkflowUrl == CliHarness.InvoiceUrl));
        Assert.Equal(30, (await _cli.EntriesAsync()).Count);
    }

    [Fact]
    public async Task Stopped_it_lists_every_page_answered_prints_no_cursor_and_the_same_command_finishes_the_selection()
    {
        await _cli.SeedAsync(300, CliHarness.OrdersUrl);
        _cli.Server.Faults.Latency = TimeSpan.FromMilliseconds(20);
        _cli.RequestStopAfterFirstPage();

        var first = await _cli.RunAsync("resume", "--workflow-url", CliHarness.OrdersUrl, "--concurrency", "4", "--page-size", "20", "--confirm-above", "1000", "--json");
        var json = first.Json();
        var left = (await _cli.EntriesAsync()).Count;
        var second = await _cli.RunAsync(json.GetProperty("continueWith").GetString()!.Split(' ')[1..]);

        var processed = json.GetProperty("processed").GetInt32();
        Assert.Equal((3, 0), (first.ExitCode, second.ExitCode));
        Assert.Equal("interrupted", json.GetProperty("status").GetString());
        Assert.Equal(300 - processed, left);
        Assert.Equal(left, json.GetProperty("remaining").GetInt64());
        Assert.InRange(left, 1, 300 - 20);
        Assert.DoesNotContain("Cursor:", first.Stderr, StringComparison.Ordinal);
        Assert.Equal($"bulkresume resume --workflow-url {CliHarness.OrdersUrl} --concurrency 4 --page-size 20 --confirm-above 1000 --json", json.GetProperty("continueWith").GetString());
        Assert.Equal(left, second.Json().GetProperty("processed").GetInt32());
        Assert.Empty(await _cli.EntriesAsync());
    }

    [Fact]
    public async Task A_stopped_delete_counts_what_it_deleted_and_prints_the_command_that_deletes_the_rest()
    {
        await _cli.SeedAsync(450, CliHarness.OrdersUrl);
        _cli.Server.Faults.Latency = TimeSpan.FromMilliseconds(20);
        _cli.RequestStopAfterFirstPage();

        var first = await _cli.RunAsync("delete", "--workflow-url", CliHarness.OrdersUrl, "--concurrency", "2", "--yes");
        var left = (await _cli.EntriesAsync()).Count;
        var second = await _cli.RunAsync(first.ContinueCommand());

        Assert.Equal((3, 0), (first.ExitCode, second.ExitCode));
        Assert.InRange(left, 1, 450 - 100);
        Assert.Contains($"Stopped before the selection was finished: deleted {450 - left} entries; the rest remains in the DLQ.", first.Console, StringComparison.Ordinal);
        Assert.Equal(["delete", "--workflow-url", CliHarness.OrdersUrl, "--concurrency", "2", "--yes"], first.ContinueCommand());
        Assert.Contains($"Deleted {left} entries", second.Console, StringComparison.Ordinal);
        Assert.Empty(await _cli.EntriesAsync());
    }

    [Fact]
    public async Task Stopped_by_ids_the_printed_command_reads_the_ids_left_from_a_file_and_finishes_them()
    {
        var ids = await _cli.SeedIdsAsync(300);
        _cli.Server.Faults.Latency = TimeSpan.FromMilliseconds(20);
        _cli.RequestStopAfterFirstPage();

        var first = await _cli.RunAsync("resume", "--ids", string.Join(',', ids), "--concurrency", "4", "--page-size", "20", "--yes");
        var readsAfterStop = _cli.ReadsSent;
        var left = (await _cli.EntriesAsync()).Select(entry => entry.DlqId).ToList();
        var file = Path.Combine(_cli.WorkingDirectory, "bulkresume-resume-remaining-20250718-120000.txt");
        var second = await _cli.RunAsync(first.ContinueCommand());

        Assert.Equal((3, 0), (first.ExitCode, second.ExitCode));
        Assert.InRange(left.Count, 1, 300 - 20);
        Assert.Contains($"resumed {300 - left.Count}; {left.Count} of the 300 ids are left.", first.Console, StringComparison.Ordinal);
        Assert.Contains($"The {left.Count} ids left are in {file} (one a line).", first.Console, StringComparison.Ordinal);
        Assert.Equal(["resume", "--concurrency", "4", "--page-size", "20", "--yes", "--ids-file", file], first.ContinueCommand());
        Assert.Equal(ids.Where(left.Contains), File.ReadLines(file).Where(line => !line.StartsWith('#')));
        Assert.Equal(0, readsAfterStop);
        Assert.Contains($"Resumed {left.Count} runs", second.Console, StringComparison.Ordinal);
        Assert.Empty(await _cli.EntriesAsync());
    }

    [Fact]
    public async Task A_stop_that_came_when_nothing_was_left_is_reported_done()
    {
        await _cli.SeedAsync(10, CliHarness.OrdersUrl);
        _cli.RequestStopAfterFirstPage();

        var resume = await _cli.RunAsync("resume", "--all", "--concurrency", "4", "--yes", "--json");
        await _cli.SeedAsync(30, CliHarness.InvoiceUrl);
        _cli.RequestStopAfterFirstPage();
        var delete = await _cli.RunAsync("delete", "--all", "--yes", "--json");

        Assert.Equal((0, "done", 10), (resume.ExitCode, resume.Json().GetProperty("status").GetString(), resume.Json().GetProperty("processed").GetInt32()));
        Assert.Equal(JsonValueKind.Null, resume.Json().GetProperty("continueWith").ValueKind);
        Assert.Equal((0, "done", 30L), (delete.ExitCode, delete.Json().GetProperty("status").GetString(), delete.Json().GetProperty("deleted").GetInt64()));
        Assert.Empty(await _cli.EntriesAsync());
    }

    [Fact]
    public async Task A_stopped_delete_by_ids_prints_and_carries_in_json_the_command_for_the_ids_left()
    {
        var ids = await _cli.SeedIdsAsync(450);
        _cli.Server.Faults.Latency = TimeSpan.FromMilliseconds(20);
        _cli.RequestStopAfterFirstPage();

        var first = await _cli.RunAsync("delete", "--ids", string.Join(',', ids), "--concurrency", "2", "--yes", "--json");
        var left = (await _cli.EntriesAsync()).Select(entry => entry.DlqId).ToList();
        var json = first.Json();
        var file = json.GetProperty("remainingIdsFile").GetString()!;
        var second = await _cli.RunAsync(json.GetProperty("continueWith").GetString()!.Split(' ')[1..]);

        Assert.Equal((3, 0), (first.ExitCode, second.ExitCode));
        Assert.Equal(("interrupted", 450L - left.Count, 0), (json.GetProperty("status").GetString(), json.GetProperty("deleted").GetInt64(), json.GetProperty("missing").GetInt32()));
        Assert.InRange(left.Count, 1, 449);
        Assert.Equal($"bulkresume delete --concurrency 2 --yes --json --ids-file {file}", json.GetProperty("continueWith").GetString());
        Assert.Equal(ids.Where(left.Contains), File.ReadLines(file).Where(line => !line.StartsWith('#')));
        Assert.Equal(left.Count, second.Json().GetProperty("deleted").GetInt64());
        Assert.Empty(await _cli.EntriesAsync());
    }

    [Fact]
    public async Task A_second_ctrl_c_on_a_delete_by_criteria_says_its_count_is_not_known_and_the_same_command_deletes_the_rest()
    {
        await _cli.SeedAsync(450, CliHarness.OrdersUrl);
        _cli.Server.Faults.Latency = TimeSpan.FromMilliseconds(20);
        _cli.RequestQuitAfterFirstPage();

        var first = await _cli.RunAsync("delete", "--workflow-url", CliHarness.OrdersUrl, "--concurrency", "2", "--yes", "--json");
        var json = first.Json();
        var second = await _cli.RunAsync(json.GetProperty("continueWith").GetString()!.Split(' ')[1..]);

        Assert.Equal((3, 0), (first.ExitCode, second.ExitCode));
        Assert.Equal(("interrupted", JsonValueKind.Null), (json.GetProperty("status").GetString(), json.GetProperty("deleted").ValueKind));
        Assert.Contains("Stopped at once by a second Ctrl+C, the requests in flight abandoned: deleted an unknown number of entries; the rest remains in the DLQ.", first.Stderr, StringComparison.Ordinal);
        Assert.Equal($"bulkresume delete --workflow-url {CliHarness.OrdersUrl} --concurrency 2 --yes --json", json.GetProperty("continueWith").GetString());
        Assert.Empty(await _cli.EntriesAsync());
    }

    [Fact]
    public async Task A_cursor_with_concurrency_is_refused_before_anything_is_sent_and_names_both_ways_to_continue()
    {
        await _cli.SeedAsync(60, CliHarness.OrdersUrl);

        var run = await _cli.RunAsync("resume", "--all", "--yes", "--concurrency", "4", "--resume-from", "abc");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--resume-from can't be used with --concurrency above 1", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("Run the same command again without --resume-from", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("pass --concurrency 1 to continue from the cursor", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, _cli.RequestsSent);
        Assert.Equal(60, (await _cli.EntriesAsync()).Count);
    }

    [Theory]
    [InlineData("0", "--concurrency 0 is outside 1 to 32 (requests in flight at once).")]
    [InlineData("33", "--concurrency 33 is outside 1 to 32 (requests in flight at once).")]
    [InlineData("many", "--concurrency 'many' is not a whole number. Pass 1 to 32 (requests in flight at once).")]
    public async Task A_concurrency_outside_1_to_32_is_refused_in_the_flags_terms(string value, string error)
    {
        await _cli.SeedAsync(10, CliHarness.OrdersUrl);

        var run = await _cli.RunAsync("restart", "--all", "--yes", "--concurrency", value);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(error, run.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, _cli.RequestsSent);
    }

    public void Dispose() => _cli.Dispose();
}
