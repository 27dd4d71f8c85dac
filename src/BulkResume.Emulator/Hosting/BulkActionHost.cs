using BulkResume.Engine;
using Microsoft.Extensions.Hosting;

namespace BulkResume.Emulator.Hosting;

/// <summary>
/// The emulator's bulk action worker as a hosted loop: from start to stop it carries out the actions of the store,
/// those left unfinished by an earlier process first.
/// </summary>
internal sealed class BulkActionHost(BulkActionWorker worker) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => worker.RunAsync(stoppingToken);
}
