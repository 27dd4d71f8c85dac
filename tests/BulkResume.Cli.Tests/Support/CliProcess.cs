using System.Diagnostics;
using System.Threading.Channels;
using BulkResume.Tests.Shared;

namespace BulkResume.Cli.Tests.Support;

/// <summary>
/// The bulkresume program as an operator runs it at 2 a.m.: a child process with its output in pipes (as in a log:
/// one line per page), Ctrl+C as a real SIGINT. Each line is kept and can be waited for; every wait is bounded, and
/// the process (with its children) is killed if it outlives the test.
/// </summary>
internal sealed class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly Channel<string> _outputLines = Channel.CreateUnbounded<string>();
    private readonly Channel<string> _errorLines = Channel.CreateUnbounded<string>();
    private readonly Task _reading;

    private CliProcess(Process process)
    {
        _process = process;
        _reading = Task.WhenAll(
            ReadAsync(process.StandardOutput, _outputLines, _output),
            ReadAsync(process.StandardError, _errorLines, kept: null));
    }

    /// <summary>The program's file in the test's output, where the project reference put it.</summary>
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "bulkresume.dll");

    /// <summary>The lines written to stdout so far.</summary>
    public IReadOnlyList<string> Output
    {
        get
        {
            lock (_output)
            {
                return [.. _output];
            }
        }
    }

    /// <param name="args">The command line, without the program's name.</param>
    /// <param name="environment">QSTASH_TOKEN and QSTASH_URL, as the operator exported them.</param>
    /// <param name="workingDirectory">The current directory, where relative paths are read and a file of ids left is written.</param>
    public static CliProcess Start(IEnumerable<string> args, IReadOnlyDictionary<string, string?> environment, string workingDirectory) =>
        new(ChildProcess.Start(Dll, args, environment, workingDirectory));

    /// <summary>Waits for the <paramref name="nth"/> line of stdout that <paramref name="matches"/>.</summary>
    public Task WaitForOutputAsync(Func<string, bool> matches, int nth = 1) => WaitForAsync(_outputLines, matches, nth, "stdout");

    /// <summary>Waits for a line of stderr that <paramref name="matches"/>.</summary>
    public Task WaitForErrorAsync(Func<string, bool> matches) => WaitForAsync(_errorLines, matches, 1, "stderr");

    /// <summary>Ctrl+C.</summary>
    public void Interrupt() => ChildProcess.Signal(_process, ChildProcess.Interrupt);

    /// <summary>Waits for the exit and the last of its output; returns the exit code.</summary>
    public async Task<int> ExitAsync()
    {
        await ChildProcess.WaitAsync(_process);
        await _reading;
        return _process.ExitCode;
    }

    /// <summary>The arguments of the printed command that continues, without the program's name (its arguments need no quoting here).</summary>
    public string[] ContinueCommand() =>
        Output.Single(line => line.StartsWith("  bulkresume ", StringComparison.Ordinal)).Trim().Split(' ')[1..];

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private static async Task ReadAsync(StreamReader reader, Channel<string> lines, List<string>? kept)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            if (kept is not null)
            {
                lock (kept)
                {
                    kept.Add(line);
                }
            }

            lines.Writer.TryWrite(line);
        }

        lines.Writer.TryComplete();
    }

    private static async Task WaitForAsync(Channel<string> lines, Func<string, bool> matches, int nth, string stream)
    {
        using var deadline = new CancellationTokenSource(ChildProcess.Timeout);
        var seen = 0;
        await foreach (var line in lines.Reader.ReadAllAsync(deadline.Token))
        {
            if (matches(line) && ++seen == nth)
            {
                return;
            }
        }

        throw new InvalidOperationException($"The program closed its {stream} before writing the line waited for ({seen} of {nth} seen).");
    }
}
