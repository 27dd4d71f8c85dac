using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BulkResume.Cli.Tests.Support;
using BulkResume.Emulator;
using BulkResume.Engine;
using BulkResume.Engine.Storage;
using BulkResume.Tests.Shared;
using Xunit.Abstractions;

namespace BulkResume.Cli.Tests.Commands;

/// <summary>
/// Ctrl+C on a concurrent run by ids, as the adversarial run found it: the program as a child process, the emulator
/// over loopback with 100 ms of latency set through its admin API, real SIGINTs. A stop must end in seconds however
/// long the list, a second Ctrl+C must still report, and both the printed command and the command run again must
/// finish the list with every entry resumed exactly once.
/// </summary>
public sealed class StopByIdsProcessTests(ITestOutputHelper log) : IAsyncLifetime
{
    private const string WorkflowUrl = "https://shop.example.com/api/workflows/checkout";

    /// <summary>The command of the adversarial run: a file of ids, eight requests in flight.</summary>
    private static readonly string[] Command = ["resume", "--ids-file", "ids.txt", "--concurrency", "8", "--yes"];

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("bulkresume-stop-");
    private readonly List<CliProcess> _started = [];
    private WorkflowEmulator _emulator = null!;
    private HttpClient _admin = null!;

    /// <summary>The operator's environment: the emulator's token and address, as exported.</summary>
    private Dictionary<string, string?> Environment => new()
    {
        [WorkflowClientOptions.TokenEnvironmentVariable] = _emulator.Token,
        [WorkflowClientOptions.BaseUrlEnvironmentVariable] = _emulator.Url.GetLeftPart(UriPartial.Authority),
    };

    public async Task InitializeAsync()
    {
        _emulator = await WorkflowEmulator.StartAsync();
        _admin = new HttpClient { BaseAddress = _emulator.Url };
        _admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _emulator.Token);
    }

    public async Task DisposeAsync()
    {
        // A program still running here (a test failed while waiting) is killed with its children.
        _started.ForEach(run => run.Dispose());
        _admin.Dispose();
        await _emulator.DisposeAsync();
        _folder.Delete(recursive: true);
    }

    [Fact]
    public async Task Ctrl_c_on_10000_ids_at_concurrency_8_ends_within_seconds_and_the_file_it_names_finishes_the_rest_once()
    {
        var (ids, run) = await StartAsync(10_000);

        await run.WaitForOutputAsync(IsProgress, nth: 3);
        var sinceInterrupt = Stopwatch.StartNew();
        run.Interrupt();
        var exitCode = await run.ExitAsync();
        sinceInterrupt.Stop();
        log.WriteLine($"SIGINT to exit: {sinceInterrupt.Elapsed.TotalSeconds:0.000} s");

        var left = await DlqIdsAsync();
        var command = run.ContinueCommand();
        var file = command[^1];
        Assert.Equal(3, exitCode);
        Assert.True(sinceInterrupt.Elapsed < TimeSpan.FromSeconds(5), $"It took {sinceInterrupt.Elapsed} from SIGINT to exit.");
        Assert.InRange(left.Count, 1, 10_000 - 150);
        Assert.Equal(["resume", "--concurrency", "8", "--yes", "--ids-file", file], command);
        Assert.Equal(_folder.FullName, Path.GetDirectoryName(file));
        Assert.Contains($"The {left.Count} ids left are in {file} (one a line).", run.Output);
        Assert.Equal(ids.Where(left.Contains), File.ReadLines(file).Where(line => !line.StartsWith('#')));
        Assert.All(command, argument => Assert.True(Encoding.UTF8.GetByteCount(argument) < 128 * 1024));

        await SetLatencyAsync(0);
        var (continuedExit, continued, _) = await ChildProcess.RunToEndAsync(CliProcess.Dll, command, Environment, _folder.FullName);

        Assert.Equal(0, continuedExit);
        Assert.Contains($"Resumed {left.Count} runs", continued, StringComparison.Ordinal);
        await AssertEachResumedOnceAsync(ids);
    }

    [Fact]
    public async Task A_second_ctrl_c_while_the_requests_in_flight_hang_reports_at_once_with_a_command_that_finishes_the_list()
    {
        var (ids, run) = await StartAsync(4_000);

        // From the next requests on, an answer takes 20 s: a stop that waits for them would outlast the test's bound.
        await run.WaitForOutputAsync(IsProgress, nth: 2);
        await SetLatencyAsync(20_000);
        await run.WaitForOutputAsync(IsProgress);
        await Task.Delay(200);
        var sinceFirst = Stopwatch.StartNew();
        run.Interrupt();
        await run.WaitForErrorAsync(line => line.StartsWith("Stopping after the requests in flight", StringComparison.Ordinal));
        var sinceSecond = Stopwatch.StartNew();
        run.Interrupt();
        var exitCode = await run.ExitAsync();
        log.WriteLine($"second SIGINT to exit: {sinceSecond.Elapsed.TotalSeconds:0.000} s; first SIGINT to exit: {sinceFirst.Elapsed.TotalSeconds:0.000} s");

        var left = await DlqIdsAsync();
        var command = run.ContinueCommand();
        Assert.Equal(3, exitCode);
        Assert.True(sinceFirst.Elapsed < TimeSpan.FromSeconds(5), $"It took {sinceFirst.Elapsed} from the first SIGINT to exit.");
        Assert.Contains(run.Output, line => line.StartsWith("Stopped at once by a second Ctrl+C, the requests in flight abandoned: resumed ", StringComparison.Ordinal));
        Assert.Contains(run.Output, line => line.EndsWith("were in requests whose outcome is unknown: each was resumed once or is still in the DLQ, and the command below skips those already gone.", StringComparison.Ordinal));
        Assert.InRange(left.Count, 1, 4_000 - 100);

        await SetLatencyAsync(0);
        var (continuedExit, _, _) = await ChildProcess.RunToEndAsync(CliProcess.Dll, command, Environment, _folder.FullName);

        Assert.Equal(0, continuedExit);
        await AssertEachResumedOnceAsync(ids);
    }

    [Fact]
    public async Task The_command_run_again_after_a_stop_skips_the_ids_already_resumed_and_resumes_the_rest()
    {
        var (ids, run) = await StartAsync(4_000);
        await run.WaitForOutputAsync(IsProgress, nth: 2);
        run.Interrupt();
        Assert.Equal(3, await run.ExitAsync());
        var left = await DlqIdsAsync();

        await SetLatencyAsync(0);
        var (againExit, again, _) = await ChildProcess.RunToEndAsync(CliProcess.Dll, Command, Environment, _folder.FullName);

        Assert.Equal(0, againExit);
        Assert.InRange(left.Count, 1, 4_000 - 100);
        Assert.Contains($"{4_000 - left.Count} of the ids were not in the DLQ (already resumed or deleted, or never there) and were skipped.", again, StringComparison.Ordinal);
        Assert.Contains($"Resumed {left.Count} runs", again, StringComparison.Ordinal);
        await AssertEachResumedOnceAsync(ids);
    }

    /// <summary>
    /// Seeds <paramref name="count"/> entries, writes their ids to ids.txt, gives every request 100 ms of latency, and
    /// starts <see cref="Command"/> on them.
    /// </summary>
    private async Task<(List<string> Ids, CliProcess Run)> StartAsync(int count)
    {
        var ids = await SeedAsync(count);
        await File.WriteAllLinesAsync(Path.Combine(_folder.FullName, "ids.txt"), ids);
        await SetLatencyAsync(100);
        var run = CliProcess.Start(Command, Environment, _folder.FullName);
        _started.Add(run);
        return (ids, run);
    }

    /// <summary>A progress line of redirected output: one per page answered.</summary>
    private static bool IsProgress(string line) => line.StartsWith("resumed ", StringComparison.Ordinal);

    /// <summary>Seeds failed runs through the admin API; their DLQ ids, in order.</summary>
    private async Task<List<string>> SeedAsync(int count)
    {
        using var answer = await _admin.PostAsJsonAsync("/_emulator/seed", new { count, workflowUrl = WorkflowUrl });
        answer.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        return [.. body.RootElement.GetProperty("dlqIds").EnumerateArray().Select(id => id.GetString()!)];
    }

    /// <summary>Sets the latency of every DLQ request through the admin API, as an adversarial run does.</summary>
    private async Task SetLatencyAsync(int milliseconds)
    {
        using var answer = await _admin.PostAsJsonAsync("/_emulator/faults", new { latencyMs = milliseconds });
        answer.EnsureSuccessStatusCode();
    }

    /// <summary>The ids still in the DLQ, read from the emulator's store (the API would add its latency to each page).</summary>
    private async Task<HashSet<string>> DlqIdsAsync() =>
        (await _emulator.Store.QueryAsync(new DlqQuery(DlqSelection.All, null, int.MaxValue))).Select(entry => entry.DlqId).ToHashSet(StringComparer.Ordinal);

    /// <summary>The DLQ is empty and each seeded entry became exactly one resumed run.</summary>
    private async Task AssertEachResumedOnceAsync(IReadOnlyList<string> ids)
    {
        var sources = await NewRuns.SourcesAsync(_emulator.Store);
        Assert.Empty(await DlqIdsAsync());
        Assert.Equal(ids.Count, sources.Count);
        Assert.Equal(ids.Order(StringComparer.Ordinal), sources.Order(StringComparer.Ordinal));
    }
}
