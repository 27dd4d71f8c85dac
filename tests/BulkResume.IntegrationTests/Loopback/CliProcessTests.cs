using BulkResume.Emulator;
using BulkResume.Engine;
using BulkResume.Engine.Storage;
using BulkResume.Tests.Shared;

namespace BulkResume.IntegrationTests.Loopback;

/// <summary>
/// The bulkresume program as an operator runs it at 2 a.m.: a child process against the emulator over loopback, its
/// output in a pipe (as in a log), Ctrl+C as a real SIGINT.
/// </summary>
public sealed class CliProcessTests : IAsyncLifetime
{
    private const string WorkflowUrl = "https://shop.example.com/api/workflows/checkout";

    private WorkflowEmulator _emulator = null!;

    private static string CliDll => Path.Combine(AppContext.BaseDirectory, "bulkresume.dll");

    public async Task InitializeAsync() => _emulator = await WorkflowEmulator.StartAsync();

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task Ctrl_c_in_a_pipe_prints_what_was_done_the_whole_cursor_and_the_command_that_continues_it()
    {
        await _emulator.Engine.DeadLetterAsync(FailedRuns.Many(600, i => FailedRun.For(WorkflowUrl).FailedAt(DateTimeOffset.UtcNow.AddMinutes(-600 + i))));
        _emulator.Faults.Latency = TimeSpan.FromMilliseconds(100);

        using var process = ChildProcess.Start(CliDll, ["resume", "--workflow-url", WorkflowUrl, "--page-size", "20", "--yes", "--url", _emulator.Url.GetLeftPart(UriPartial.Authority)], Environment(_emulator.Token));
        _ = process.StandardError.ReadToEndAsync();
        var lines = new List<string>();
        try
        {
            using var deadline = new CancellationTokenSource(ChildProcess.Timeout);
            string? line;
            while ((line = await process.StandardOutput.ReadLineAsync(deadline.Token)) is not null)
            {
                lines.Add(line);
                if (line.StartsWith("resumed ", StringComparison.Ordinal) && lines.Count(l => l.StartsWith("resumed ", StringComparison.Ordinal)) == 2)
                {
                    ChildProcess.Signal(process, ChildProcess.Interrupt);
                }
            }

            await ChildProcess.WaitAsync(process);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        _emulator.Faults.Latency = TimeSpan.Zero;
        long left = (await _emulator.Engine.Store.GetStatisticsAsync()).DlqEntryCount;
        string cursorLine = Assert.Single(lines, l => l.StartsWith("Cursor: ", StringComparison.Ordinal));
        string cursor = cursorLine["Cursor: ".Length..];
        string command = Assert.Single(lines, l => l.StartsWith("  bulkresume ", StringComparison.Ordinal));
        int processed = 600 - (int)left;

        Assert.Equal(3, process.ExitCode);
        Assert.InRange(processed, 40, 580);
        Assert.Contains($"Target: {_emulator.Url.GetLeftPart(UriPartial.Authority)} (address from --url, token from QSTASH_TOKEN).", lines);
        Assert.Contains($"Stopped before the selection was finished: resumed {processed}; the rest of the selection remains in the DLQ.", lines);
        Assert.Equal($"  bulkresume resume --workflow-url {WorkflowUrl} --page-size 20 --yes --url {_emulator.Url.GetLeftPart(UriPartial.Authority)} --resume-from {cursor}", command);
        Assert.DoesNotContain(lines, l => l.Contains(_emulator.Token, StringComparison.Ordinal) || l.Contains("\u001b[", StringComparison.Ordinal));

        var (continuedExit, rest, _) = await ChildProcess.RunToEndAsync(CliDll, command.Trim().Split(' ')[1..], Environment(_emulator.Token));
        DlqStoreStatistics after = await _emulator.Engine.Store.GetStatisticsAsync();

        Assert.Equal(0, continuedExit);
        Assert.Contains($"Resumed {left} runs (--workflow-url {WorkflowUrl}).", rest, StringComparison.Ordinal);
        Assert.Equal((0L, 600L), (after.DlqEntryCount, after.RunsByOrigin.GetValueOrDefault(WorkflowRunOrigin.Resumed)));
    }

    [Fact]
    public async Task Without_a_token_it_refuses_with_exit_2_even_with_QSTASH_URL_set_and_nothing_is_touched()
    {
        await _emulator.Engine.DeadLetterAsync(FailedRuns.Many(5, _ => FailedRun.For(WorkflowUrl).WithLabels("checkout")));

        var (exitCode, output, error) = await ChildProcess.RunToEndAsync(
            CliDll, ["resume", "--label", "checkout", "--yes", "--json"], Environment(token: "", url: _emulator.Url.GetLeftPart(UriPartial.Authority)));

        Assert.Equal(2, exitCode);
        Assert.Empty(output);
        Assert.Contains("No token for", error, StringComparison.Ordinal);
        Assert.Equal(5, (await _emulator.Engine.Store.GetStatisticsAsync()).DlqEntryCount);
    }

    /// <summary>The child's own QSTASH_TOKEN and QSTASH_URL, whatever the test run has.</summary>
    private static Dictionary<string, string?> Environment(string token, string? url = null) => new()
    {
        [WorkflowClientOptions.TokenEnvironmentVariable] = token,
        [WorkflowClientOptions.BaseUrlEnvironmentVariable] = url,
    };
}
