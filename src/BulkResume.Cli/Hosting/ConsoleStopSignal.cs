namespace BulkResume.Cli.Hosting;

/// <summary>
/// Turns the first Ctrl+C into a stop request (bulk work stops after the page in flight and prints its cursor);
/// a second Ctrl+C ends the process as usual.
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
            return;
        }

        e.Cancel = true;
        Console.Error.WriteLine("Stopping after the requests in flight (press Ctrl+C again to quit now)...");
        _stop.Cancel();
    }
}
