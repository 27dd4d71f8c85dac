using System.Diagnostics;
using BulkResume.Benchmarks.Data;
using BulkResume.Benchmarks.Stores;
using BulkResume.Engine;

namespace BulkResume.Benchmarks.Measurement;

/// <summary><c>resume_per_s</c>: entries resumed per second by the engine over one store, 50 per page, seeding excluded.</summary>
internal static class ResumeThroughput
{
    public static async Task<double> MeasureAsync(string kind, int count)
    {
        await using BenchStore store = await BenchStores.CreateAsync(kind, "throughput");
        await BenchData.SeedAsync(store.Store, count, BenchData.OneWorkflow);
        await store.SettleAsync();
        var engine = new DlqEngine(store.Store);
        var clock = Stopwatch.StartNew();
        int resumed = await EngineDrain.ResumeAsync(engine, BenchData.OrdersOnly);
        clock.Stop();
        return resumed == count
            ? resumed / clock.Elapsed.TotalSeconds
            : throw new InvalidOperationException($"Resumed {resumed} of {count} entries from {kind}.");
    }
}
