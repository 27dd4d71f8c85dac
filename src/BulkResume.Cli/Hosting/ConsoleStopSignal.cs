namespace BulkResume.Cli.Hosting;

/// <summary>Ctrl+C in three steps.</summary>
/// <remarks>
/// The first is a stop request: a prompt ends at once, and bulk work sends nothing more, lets the requests in flight
/// finish and reports. The second abandons the requests in flight, so a stop held up by slow answers still ends with a
/// report and a command that continues. A third ends the process at once (exit 130).
/// </remarks>
internal sealed class ConsoleStopSignal : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _abort = new();
    private int _presses;

    public ConsoleStopSignal() => Console.CancelKeyPress += OnCancelKeyPress;

    /// <summary>The first Ctrl+C.</summary>
    public CancellationToken Stop => _stop.Token;

    /// <summary>The second Ctrl+C.</summary>
    public CancellationToken Abort => _abort.Token;

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        _stop.Dispose();
        _abort.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        // Counted, not read from the tokens: two presses close together are still a stop and then an abort.
        var press = Interlocked.Increment(ref _presses);
        if (press > 2)
        {
            Console.Error.WriteLine("Quit at once: a request in flight may still be applied by the service, unreported. List the selection to see what is left.");
            Environment.Exit(ExitCodes.QuitAtOnce);
        }

        e.Cancel = true;
        Console.Error.WriteLine(press == 1
            ? "Stopping after the requests in flight (press Ctrl+C again to quit now)..."
            : "Quitting now: the requests in flight are abandoned; what is known follows (press Ctrl+C again to end at once)...");
        (press == 1 ? _stop : _abort).Cancel();
    }
}
