namespace BulkResume.Cli.Hosting;

/// <summary>
/// Turns the first Ctrl+C into a stop request (bulk work stops after the page in flight and prints its cursor; a
/// prompt ends at once); a second Ctrl+C ends the process at once, saying what that leaves unknown.
/// </summary>
internal sealed class ConsoleStopSignal : IDisposable
{
    private readonly CancellationTokenSource _stop = new();

    public ConsoleStopSignal() => Console.CancelKeyPress += OnCancelKeyPress;

    public CancellationToken Token => _stop.Token;

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        _stop.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        if (_stop.IsCancellationRequested)
        {
            Console.Error.WriteLine("Quit at once: a request in flight may still be applied by the service, unreported. List the selection to see what is left.");
            Environment.Exit(ExitCodes.QuitAtOnce);
        }

        e.Cancel = true;
        Console.Error.WriteLine("Stopping after the requests in flight (press Ctrl+C again to quit now)...");
        _stop.Cancel();
    }
}
