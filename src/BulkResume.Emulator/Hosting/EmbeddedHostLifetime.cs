using Microsoft.Extensions.Hosting;

namespace BulkResume.Emulator.Hosting;

/// <summary>A lifetime that leaves the process's signals alone.</summary>
/// <remarks>
/// The default console lifetime would take SIGINT and SIGTERM for the emulator's own host, so Ctrl+C would stop the
/// embedded server but not the test run or program around it; the program that owns the process decides when to dispose
/// the emulator.
/// </remarks>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
