using BulkResume.Cli.Tests.Support;

namespace BulkResume.Cli.Tests.Commands;

/// <summary>
/// Stopping and continuing a run by ids: the ids left come from what the run sent and heard (never a read of the whole
/// list), few of them are named inline and many in a file, a second Ctrl+C still reports, and a list run again skips
/// the ids already done instead of failing on them.
/// </summary>
public sealed class StopByIdsTests : IDisposable
{
    private readonly CliHarness _cli = new();

    [Fact]
    public async Task A_short_remainder_is_named_inline_with_ids()
    {
        var ids = await _cli.SeedIdsAsync(60);
        _cli.Server.Faults.Latency = TimeSpan.FromMilliseconds(20);
        _cli.RequestStopAfterFirstPage();

        var first = await _cli.RunAsync("resume", "--ids", string.Join(',', ids), "--concurrency", "2", "--page-size", "20", "--yes");
        var left = (await _cli.EntriesAsync()).Select(entry => entry.DlqId).ToList();
        var second = await _cli.RunAsync(first.ContinueCommand());

        Assert.Equal((3, 0), (first.ExitCode, second.ExitCode));
        Assert.InRange(left.Count, 20, 40);
        Assert.Equal(["resume", "--concurrency", "2", "--page-size", "20", "--yes", "--ids", string.Join(',', ids.Where(left.Contains))], first.ContinueCommand());
        Assert.Empty(Directory.GetFiles(_cli.WorkingDirectory));
        Assert.Empty(await _cli.EntriesAsync());
    }

    [Theory]
    [InlineData("resume", "1")]
    [InlineData("resume", "4")]
    [InlineData("restart", "4")]
    [InlineData("delete", "1")]
    [InlineData("delete", "4")]
    public async Task The_same_list_run_again_skips_the_ids_already_done_and_acts_on_the_rest(string verb, string concurrency)
    {
        var ids = await _cli.SeedIdsAsync(120);
        await _cli.RunAsync(verb, "--ids", string.Join(',', ids.Take(55)), "--yes");

        // 55 is not a whole number of requests (20 ids, or 50 for a delete), so one request holds both kinds of id.
        string[] pageSize = verb == "delete" ? [] : ["--page-size", "20"];
        var again = await _cli.RunAsync([verb, "--ids", string.Join(',', ids), "--concurrency", concurrency, .. pageSize, "--yes", "--json"]);

        var json = again.Json();
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(("done", 55), (json.GetProperty("status").GetString(), json.GetProperty("missing").GetInt32()));
        Assert.Equal(65, json.GetProperty(verb == "delete" ? "deleted" : "processed").GetInt32());
        Assert.Contains($"55 of the ids were not in the DLQ ({(verb == "delete" ? "already deleted" : $"already {verb.TrimEnd('e')}ed or deleted")}, or never there) and were skipped.", again.Stderr, StringComparison.Ordinal);
        Assert.Empty(await _cli.EntriesAsync());
        var sources = await NewRuns.SourcesAsync(_cli.Server.Store);
        Assert.Equal(verb == "delete" ? 0 : 120, sources.Distinct().Count());
        Assert.Equal(sources.Distinct().Count(), sources.Count);
    }

    [Fact]
    public async Task A_second_ctrl_c_reports_at_once_reads_nothing_back_and_its_command_finishes_the_list()
    {
        var ids = await _cli.SeedIdsAsync(400);
        _cli.Server.Faults.Latency = TimeSpan.FromMilliseconds(50);
        _cli.RequestQuitAfterFirstPage();

        var first = await _cli.RunAsync("resume", "--ids", string.Join(',', ids), "--concurrency", "4", "--page-size", "20", "--yes");
        var reads = _cli.ReadsSent;
        _cli.Server.Faults.Latency = TimeSpan.Zero;
        var second = await _cli.RunAsync(first.ContinueCommand());

        var sources = await NewRuns.SourcesAsync(_cli.Server.Store);
        Assert.Equal((3, 0), (first.ExitCode, second.ExitCode));
        Assert.Contains("Stopped at once by a second Ctrl+C, the requests in flight abandoned: resumed ", first.Console, StringComparison.Ordinal);
        Assert.Matches(@"\d+ of them were in requests whose outcome is unknown: each was resumed once or is still in the DLQ", first.Console);
        Assert.Equal(0, reads);
        Assert.Empty(await _cli.EntriesAsync());
        Assert.Equal(400, sources.Count);
        Assert.Equal(400, sources.Distinct().Count());
    }

    [Fact]
    public async Task A_request_in_doubt_is_read_back_and_its_ids_found_gone_are_not_named_again()
    {
        var ids = await _cli.SeedIdsAsync(100);
        _cli.Server.Faults.ApplyThenFailNext(1);

        var first = await _cli.RunAsync("resume", "--ids", string.Join(',', ids), "--page-size", "20", "--yes");
        var left = (await _cli.EntriesAsync()).Select(entry => entry.DlqId).ToList();
        var second = await _cli.RunAsync(first.ContinueCommand());

        Assert.Equal((3, 0), (first.ExitCode, second.ExitCode));
        Assert.Equal(80, left.Count);
        Assert.Contains("resumed 0; 80 of the 100 ids are left.", first.Console, StringComparison.Ordinal);
        Assert.Contains("20 ids whose outcome was unknown are no longer in the DLQ: resumed once, not listed.", first.Console, StringComparison.Ordinal);
        Assert.Equal(["resume", "--page-size", "20", "--yes", "--ids-file", Path.Combine(_cli.WorkingDirectory, "bulkresume-resume-remaining-20250718-120000.txt")], first.ContinueCommand());
        Assert.Contains("Resumed 80 runs", second.Console, StringComparison.Ordinal);
        var sources = await NewRuns.SourcesAsync(_cli.Server.Store);
        Assert.Equal(100, sources.Count);
        Assert.Equal(100, sources.Distinct().Count());
    }

    [Fact]
    public async Task When_the_working_directory_cannot_be_written_the_ids_left_go_to_the_temporary_folder()
    {
        var ids = await _cli.SeedIdsAsync(300);
        _cli.WorkingDirectory = Path.Combine(_cli.WorkingDirectory, "gone");
        _cli.RequestStopAfterFirstPage();

        var run = await _cli.RunAsync("delete", "--ids", string.Join(',', ids), "--yes", "--json");

        var file = run.Json().GetProperty("remainingIdsFile").GetString()!;
        try
        {
            Assert.Equal(3, run.ExitCode);
            Assert.Equal(Path.GetTempPath(), Path.GetDirectoryName(file) + Path.DirectorySeparatorChar);
            Assert.Equal(250, File.ReadLines(file).Count(line => !line.StartsWith('#')));
            Assert.Contains($"The 250 ids left are in {file} (one a line).", run.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    public void Dispose() => _cli.Dispose();
}
