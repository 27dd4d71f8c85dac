using System.Diagnostics;
using BulkResume.Benchmarks.Client;
using BulkResume.Benchmarks.Data;
using BulkResume.Emulator;
using BulkResume.Engine.Storage;

namespace BulkResume.Benchmarks.Measurement;

/// <summary><c>http_drain_per_s</c>: the SDK draining <c>count</c> entries from a <see cref="WorkflowEmulator"/> (Kestrel on loopback), seeding excluded.</summary>
internal static class HttpDrain
{
    public static async Task<double> MeasureAsync(int count)
    {
        var store = new InMemoryDlqStore();
        await using WorkflowEmulator emulator = await WorkflowEmulator.StartAsync(new WorkflowEmulatorOptions { Store = store });
        await BenchData.SeedAsync(store, count, BenchData.OneWorkflow);
        using var http = new HttpClient(new SocketsHttpHandler()) { Timeout = Timeout.InfiniteTimeSpan };
        var client = new WorkflowClient(http, new WorkflowClientOptions { Token = emulator.Token, BaseUrl = emulator.Url });
        var clock = Stopwatch.StartNew();
        int resumed = await ClientDrain.DrainAsync(client, BenchData.OrdersUrl);
        clock.Stop();
        return resumed == count
            ? resumed / clock.Elapsed.TotalSeconds
            : throw new InvalidOperationException($"Drained {resumed} of {count} entries over loopback.");
    }
}
