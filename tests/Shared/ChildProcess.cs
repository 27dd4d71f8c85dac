using System.Diagnostics;

namespace BulkResume.Tests.Shared;

/// <summary>
/// A program under test as a child process (`dotnet some.dll args`): started with its output redirected, signalled as
/// an operator would (SIGINT, SIGTERM), and never left running: a wait that times out kills it. Compiled into each
/// test project that runs one of the programs.
/// </summary>
internal static class ChildProcess
{
    public const int Interrupt = 2;
    public const int Terminate = 15;
    public const int HardKill = 9;

    /// <summary>How long any one child may take; a hang fails its test instead of CI.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <param name="dll">The program.</param>
    /// <param name="args">Its arguments.</param>
    /// <param name="environment">Variables set (or, null, cleared) for it.</param>
    /// <param name="workingDirectory">Its current directory; null for the test's.</param>
    public static Process Start(string dll, IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        start.ArgumentList.Add(dll);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach ((string name, string? value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }

        Process process = Process.Start(start)!;
        process.StandardInput.Close();
        return process;
    }

    /// <summary>Runs to the end: the exit code and everything written.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunToEndAsync(
        string dll, IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null, string? workingDirectory = null)
    {
        using Process process = Start(dll, args, environment, workingDirectory);
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        await WaitAsync(process);
        return (process.ExitCode, await output, await error);
    }

    /// <summary>Waits for the exit, killing the process (and its children) if it outlives <see cref="Timeout"/>.</summary>
    public static async Task WaitAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The child process did not exit within {Timeout.TotalSeconds} s and was killed.");
        }
    }

    /// <summary>Sends a POSIX signal, as Ctrl+C (<see cref="Interrupt"/>) or a service manager (<see cref="Terminate"/>) does.</summary>
    public static void Signal(Process process, int signal) => Assert.Equal(0, Kill(process.Id, signal));

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);
}
