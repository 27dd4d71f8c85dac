using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using BulkResume.Benchmarks.Client;
using BulkResume.Benchmarks.Data;
using BulkResume.Engine;
using BulkResume.Engine.Storage;

namespace BulkResume.Benchmarks.Measurement;

/// <summary>
/// <c>request_cost</c> (issue 22): what one bulk-resume request of a full page costs the process, in CPU and bytes
/// allocated, the two things a round trip of the concurrent drain at 8 pays for on shared cores. Measured over whole
/// drains of <c>entries</c> entries without latency (seeding excluded): the engine alone (<see cref="DlqEngine"/> over
/// the in-memory store, no HTTP), and the whole process (the SDK against the emulator on loopback, both in this
/// process, as <see cref="ConcurrentHttpDrain"/> runs them, one request at a time). The allocation is exact
/// (<see cref="GC.GetTotalAllocatedBytes(bool)"/>, which the load does not move); the CPU time
/// (<see cref="Process.TotalProcessorTime"/>, every thread) is the best of the repetitions, since other processes on
/// the machine only add to it.
/// </summary>
internal static class RequestCost
{
    public static async Task<JsonObject> MeasureAsync(int entries, int repetitions)
    {
        int pages = entries / BenchData.PageSize;
        Cost engineCost = await BestAsync(repetitions, pages, async () =>
        {
            var store = new InMemoryDlqStore();
            await BenchData.SeedAsync(store, entries, BenchData.RecentFailures(entries, lastFailedAt: DateTimeOffset.UtcNow));
            return async () => Check(await EngineDrain.ResumeAsync(new DlqEngine(store), BenchData.OrdersOnly), entries);
        });
        await using SeededEmulator emulator = await SeededEmulator.StartAsync();
        Cost processCost = await BestAsync(repetitions, pages, async () =>
        {
            await emulator.SeedAsync(entries);
            return async () => Check(await ClientDrain.DrainAsync(emulator.Client, BenchData.OrdersUrl), entries);
        });
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"measure: a request of {BenchData.PageSize}: engine {engineCost.CpuMicroseconds:F0} us, {engineCost.Bytes:F0} B; whole process {processCost.CpuMicroseconds:F0} us, {processCost.Bytes:F0} B"));
        return new JsonObject
        {
            ["entries"] = entries,
            ["engine"] = engineCost.ToJson(),
            ["process"] = processCost.ToJson(),
        };
    }

    /// <summary>Prepares and runs one drain <paramref name="repetitions"/> times (after one untimed); the least CPU and allocation per page.</summary>
    private static async Task<Cost> BestAsync(int repetitions, int pages, Func<Task<Func<Task>>> prepare)
    {
        var best = new Cost(double.MaxValue, double.MaxValue);
        for (int i = 0; i <= repetitions; i++)
        {
            Func<Task> drain = await prepare();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            using var self = Process.GetCurrentProcess();
            TimeSpan cpuBefore = self.TotalProcessorTime;
            long bytesBefore = GC.GetTotalAllocatedBytes(precise: true);
            await drain();
            long bytes = GC.GetTotalAllocatedBytes(precise: true) - bytesBefore;
            self.Refresh();
            TimeSpan cpu = self.TotalProcessorTime - cpuBefore;
            if (i > 0)
            {
                best = new Cost(Math.Min(best.CpuMicroseconds, cpu.TotalMicroseconds / pages), Math.Min(best.Bytes, (double)bytes / pages));
            }
        }

        return best;
    }

    private static void Check(int resumed, int entries)
    {
        if (resumed != entries)
        {
            throw new InvalidOperationException($"Resumed {resumed} of {entries} entries.");
        }
    }

    private readonly record struct Cost(double CpuMicroseconds, double Bytes)
    {
        public JsonObject ToJson() => new() { ["cpu_us"] = Math.Round(CpuMicroseconds, 1), ["bytes"] = Math.Round(Bytes) };
    }
}
