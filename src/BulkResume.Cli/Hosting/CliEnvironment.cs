using Spectre.Console;

namespace BulkResume.Cli.Hosting;

/// <summary>Everything a command touches outside itself: consoles, the clock, the DLQ it acts on and the stop signal. Tests pass their own.</summary>
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

    /// <summary>Opens the DLQ to act on.</summary>
    public required Func<CancellationToken, Task<DlqTarget>> OpenTarget { get; init; }

    /// <summary>The clock relative times (<c>--from -2h</c>) and progress rates are measured on.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Signalled by Ctrl+C: bulk work stops between pages.</summary>
    public CancellationToken StopRequested { get; init; }

    /// <summary>The real process: its consoles, QSTASH_TOKEN/QSTASH_URL, and Ctrl+C.</summary>
    public static CliEnvironment ForProcess(CancellationToken stopRequested) => new()
    {
        Console = AnsiConsole.Console,
        Out = System.Console.Out,
        Error = System.Console.Error,
        IsInputInteractive = !System.Console.IsInputRedirected,
        OpenTarget = DlqTarget.OpenAsync,
        StopRequested = stopRequested,
    };
}
