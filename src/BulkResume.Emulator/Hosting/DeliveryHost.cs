using BulkResume.Engine;
using Microsoft.Extensions.Hosting;

namespace BulkResume.Emulator.Hosting;

/// <summary>
/// The emulator's delivery worker as a hosted loop: from start to stop it delivers the workflow runs started through
/// the protocol to their endpoints, those a stopped process left due or unanswered first.
/// </summary>
internal sealed class DeliveryHost(DeliveryWorker worker) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => worker.RunAsync(stoppingToken);
}
