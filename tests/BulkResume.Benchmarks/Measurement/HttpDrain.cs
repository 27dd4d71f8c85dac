using System.Diagnostics;
using BulkResume.Benchmarks.Client;
using BulkResume.Benchmarks.Data;

namespace BulkResume.Benchmarks.Measurement;

/// <summary><c>http_drain_per_s</c>: the SDK draining <c>count</c> entries from a <c>WorkflowEmulator</c> (Kestrel on loopback), seeding excluded.</summary>
internal static class HttpDrain
{
    public static async Task<double> MeasureAsync(int count)
    {
        await using SeededEmulator emulator = await SeededEmulator.StartAsync();
        await emulator.SeedAsync(count);
        var clock = Stopwatch.StartNew();
        int resumed = await ClientDrain.DrainAsync(emulator.Client, BenchData.OrdersUrl);
        clock.Stop();
        return resumed == count
            ? resumed / clock.Elapsed.TotalSeconds
            : throw new InvalidOperationException($"Drained {resumed} of {count} entries over loopback.");
    }
}
