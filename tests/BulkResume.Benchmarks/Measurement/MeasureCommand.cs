using System.Text.Json.Nodes;
using BulkResume.Benchmarks.Configuration;
using BulkResume.Benchmarks.Stores;
using BulkResume.Benchmarks.Summary;

namespace BulkResume.Benchmarks.Measurement;

/// <summary>
/// <c>measure --out &lt;file&gt;</c>: the figures that are not a BenchmarkDotNet timing (live heap, throughput of a
/// whole drain, the machine), written as one JSON object for the summary.
/// </summary>
internal static class MeasureCommand
{
    public static async Task<int> RunAsync(string output)
    {
        bool quick = BenchSettings.Quick;
        int memoryEntries = 1_000_000;
        int resumeEntries = quick ? 10_000 : 100_000;
        int drainEntries = 100_000;
        int concurrentEntries = 20_000;

        var resumePerSecond = new JsonObject();
        foreach (string kind in BenchStores.Available)
        {
            resumePerSecond[kind] = Math.Round(await ResumeThroughput.MeasureAsync(kind, resumeEntries));
            Console.WriteLine($"measure: resume_per_s.{kind} = {resumePerSecond[kind]}");
        }

        double httpDrain = Math.Round(await HttpDrain.MeasureAsync(drainEntries));
        Console.WriteLine($"measure: http_drain_per_s = {httpDrain}");
        // Each drain at concurrency 1 with latency takes about 8.5 s (400 pages of 20 ms and more), so few repetitions.
        JsonObject concurrentDrain = await ConcurrentHttpDrain.MeasureAsync(
            concurrentEntries, latencyRepetitions: quick ? 3 : 5, noLatencyRepetitions: quick ? 7 : 11);
        JsonObject heap = await ClientHeapGrowth.MeasureAsync(drainEntries);
        Console.WriteLine($"measure: client heap {heap.ToJsonString()}");
        double perEntry = Math.Round(await MemoryPerEntry.MeasureAsync(memoryEntries), 1);
        double payload = Math.Round(await MemoryPerEntry.MeasurePayloadAsync(memoryEntries), 1);
        Console.WriteLine($"measure: memory_bytes_per_entry = {perEntry} (the entries alone: {payload})");

        var result = new JsonObject
        {
            ["machine"] = MachineInfo.Describe(),
            ["resume_per_s"] = resumePerSecond,
            ["resume_per_s_entries"] = resumeEntries,
            ["http_drain_per_s"] = httpDrain,
            ["http_drain_entries"] = drainEntries,
            ["concurrent_drain"] = concurrentDrain,
            ["memory_bytes_per_entry"] = perEntry,
            ["memory_entries"] = memoryEntries,
            ["memory_body_length"] = MemoryPerEntry.BodyLength,
            ["memory_entry_payload_bytes"] = payload,
            ["client_heap"] = heap,
        };
        await File.WriteAllTextAsync(output, result.ToJsonString(ReportJson.Options));
        return 0;
    }
}
