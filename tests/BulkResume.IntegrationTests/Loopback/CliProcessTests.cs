using System.Diagnostics;
using BulkResume.Emulator;
using BulkResume.Engine.Model;
using BulkResume.Engine.Storage;
using BulkResume.Engine.Testing;

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

        using var process = Start(["resume", "--workflow-url", WorkflowUrl, "--page-size", "20", "--yes", "--url", _emulator.Url.GetLeftPart(UriPartial.Authority)], _emulator.Token);
        var lines = new List<string>();
        string? line;
        while ((line = await process.StandardOutput.ReadLineAsync()) is not null)
        {
            lines.Add(line);
            if (line.StartsWith("resumed ", StringComparison.Ordinal) && lines.Count(l => l.StartsWith("resumed ", StringComparison.Ordinal)) == 2)
            {
                Assert.Equal(0, Kill(process.Id, 2));
            }
        }

        await process.WaitForExitAsync();
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

        using var continued = Start(command.Trim().Split(' ')[1..], _emulator.Token);
        string rest = await continued.StandardOutput.ReadToEndAsync();
        await continued.WaitForExitAsync();
        DlqStoreStatistics after = await _emulator.Engine.Store.GetStatisticsAsync();

        Assert.Equal(0, continued.ExitCode);
        Assert.Contains($"Resumed {left} runs (--workflow-url {WorkflowUrl}).", rest, StringComparison.Ordinal);
        Assert.Equal((0L, 600L), (after.DlqEntryCount, after.RunsByOrigin.GetValueOrDefault(WorkflowRunOrigin.Resumed)));
    }

    [Fact]
    public async Task Without_a_token_it_refuses_with_exit_2_even_with_QSTASH_URL_set_and_nothing_is_touched()
    {
        await _emulator.Engine.DeadLetterAsync(FailedRuns.Many(5, _ => FailedRun.For(WorkflowUrl).WithLabels("checkout")));

        using var process = Start(["resume", "--label", "checkout", "--yes", "--json"], token: "", url: _emulator.Url.GetLeftPart(UriPartial.Authority));
        string output = await process.StandardOutput.ReadToEndAsync();
        string error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(2, process.ExitCode);
        Assert.Empty(output);
        Assert.Contains("No token for", error, StringComparison.Ordinal);
        Assert.Equal(5, (await _emulator.Engine.Store.GetStatisticsAsync()).DlqEntryCount);
    }

    private static Process Start(IEnumerable<string> args, string token, string? url = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        start.ArgumentList.Add(CliDll);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment[WorkflowClientOptions.TokenEnvironmentVariable] = token;
        start.Environment[WorkflowClientOptions.BaseUrlEnvironmentVariable] = url;
        var process = Process.Start(start)!;
        process.StandardInput.Close();
        return process;
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);
}
