using Spectre.Console;

namespace BulkResume.Cli.Hosting;

/// <summary>
/// Everything a command touches outside itself: consoles, variables, the network, the clock and the stop signal.
/// </summary>
/// <remarks>Tests pass their own.</remarks>
internal sealed class CliEnvironment
{
    /// <summary>Human output: tables, progress, prompts (stdout).</summary>
    public required IAnsiConsole Console { get; init; }

    /// <summary>Raw stdout, for the one JSON document of <c>--json</c> and for help.</summary>
    public required TextWriter Out { get; init; }

    /// <summary>Stderr: errors, and notices when stdout carries JSON.</summary>
    public required TextWriter Error { get; init; }

    /// <summary>Whether a person can answer a confirmation prompt (stdin is not redirected).</summary>
    public required bool IsInputInteractive { get; init; }

    /// <summary>Reads an environment variable (QSTASH_TOKEN, QSTASH_URL).</summary>
    public Func<string, string?> Variables { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>What requests are sent through; null for the network (the client's own pooled connections).</summary>
    public HttpMessageHandler? Transport { get; init; }

    /// <summary>The clock relative times (<c>--from -2h</c>) and progress rates are measured on.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Signalled by Ctrl+C: bulk work stops between pages.</summary>
    public CancellationToken StopRequested { get; init; }

    /// <summary>Signalled by a second Ctrl+C: the requests in flight are abandoned, and what is known is reported at once.</summary>
    public CancellationToken AbortRequested { get; init; }

    /// <summary>How often a bulk action being watched is read.</summary>
    /// <value>One second: the SDK's default, and a live enough bar.</value>
    public TimeSpan BulkActionPollingInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Where a file of the ids a stopped run left is written (the temporary folder when it can't be).</summary>
    public string WorkingDirectory { get; init; } = Environment.CurrentDirectory;

    /// <summary>The real process: its consoles, environment, the network and Ctrl+C.</summary>
    public static CliEnvironment ForProcess(ConsoleStopSignal signal) => new()
    {
        Console = CliConsole.ForStdout(),
        Out = System.Console.Out,
        Error = System.Console.Error,
        IsInputInteractive = !System.Console.IsInputRedirected,
        StopRequested = signal.Stop,
        AbortRequested = signal.Abort,
    };
}
