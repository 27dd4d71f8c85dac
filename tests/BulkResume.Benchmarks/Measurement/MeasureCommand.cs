using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using BulkResume.Benchmarks.Configuration;
using BulkResume.Benchmarks.Delivery;
using BulkResume.Benchmarks.Pairing;
using BulkResume.Benchmarks.Stores;
using BulkResume.Benchmarks.Summary;

namespace BulkResume.Benchmarks.Measurement;

/// <summary>
/// <c>measure --out &lt;file&gt; [--only &lt;part&gt;]</c>: the figures that are not a BenchmarkDotNet timing (every
/// target's ratio measured in interleaved pairs, live heap, throughput of a whole drain, the machine), written as one
/// JSON object for the summary. <c>--only</c> runs one part, to look at it without the rest.
/// </summary>
internal static class MeasureCommand
{
    private const int MemoryEntries = 1_000_000;
    private const int DrainEntries = 100_000;
    private const int ConcurrentEntries = 20_000;
    private const int AsyncFloorEntries = 20_000;

    /// <summary>The parts, in the order they run, each adding its keys to the result.</summary>
    private static IReadOnlyList<(string Name, Func<JsonObject, Task> Measure)> Parts(bool quick) =>
    [
        ("resume_per_s", ResumePerSecondAsync),
        ("http_drain", async result =>
        {
            result["http_drain_per_s"] = Math.Round(await HttpDrain.MeasureAsync(DrainEntries));
            result["http_drain_entries"] = DrainEntries;
            Console.WriteLine($"measure: http_drain_per_s = {result["http_drain_per_s"]}");
        }),

        // Pairs and rounds: as many as keep --quick near five minutes on two cores, spent where a pair's ratio strays
        // most (see docs/performance.md for what they gave): a page's ratio strays further than a whole drain's, and a
        // round of drains without latency further than one with it, whose sequential drain alone takes 400 round trips.
        ("ratios", async result => result["ratios"] = await PairedRatios.MeasureAsync(
            quick ? new PairedRatios.Repetitions(ClientPairs: 41, SqlitePairs: 31, PagePairs: 61, Warmups: 3)
                  : new PairedRatios.Repetitions(ClientPairs: 101, SqlitePairs: 61, PagePairs: 151, Warmups: 5))),
        ("concurrent_drain", async result => result["concurrent_drain"] = await ConcurrentHttpDrain.MeasureAsync(
            ConcurrentEntries, latencyRounds: quick ? 5 : 9, noLatencyRounds: quick ? 21 : 41)),

        // Not run by default (below): the drain at 8 against 1 with latency alone, for a look at a change to the drain.
        ("concurrent_drain_c8", async result => result["concurrent_drain"] = await ConcurrentHttpDrain.MeasureAtEightAsync(
            ConcurrentEntries, rounds: quick ? 5 : 9)),

        // Issue 26: the async bulk resume against the sync floor on each store, and against the drain at 8 with latency.
        ("async_resume", async result => result["async_resume"] = new JsonObject
        {
            ["floor"] = await AsyncResumeFloor.MeasureAsync(
                entries: quick ? 10_000 : AsyncFloorEntries, pairs: quick ? 5 : 11, warmups: 1),
            ["against_drain_c8"] = await AsyncResumeAgainstDrain.MeasureAsync(ConcurrentEntries, pairs: quick ? 5 : 9, warmups: 1),
        }),
        // Issue 27: steps delivered per second by the delivery worker against a hand-written loop posting the same signed bodies.
        ("delivery", async result => result["delivery"] = await DeliveryThroughput.MeasureAsync(
            runs: quick ? 1_000 : 2_500, pairs: quick ? 5 : 11, warmups: 1)),
        ("client_heap", async result =>
        {
            result["client_heap"] = await ClientHeapGrowth.MeasureAsync(DrainEntries);
            Console.WriteLine($"measure: client heap {result["client_heap"]!.ToJsonString()}");
        }),
        ("memory", async result =>
        {
            result["memory_bytes_per_entry"] = Math.Round(await MemoryPerEntry.MeasureAsync(MemoryEntries), 1);
            result["memory_entries"] = MemoryEntries;
            result["memory_body_length"] = MemoryPerEntry.BodyLength;
            result["memory_entry_payload_bytes"] = Math.Round(await MemoryPerEntry.MeasurePayloadAsync(MemoryEntries), 1);
            Console.WriteLine($"measure: memory_bytes_per_entry = {result["memory_bytes_per_entry"]} (the entries alone: {result["memory_entry_payload_bytes"]})");
        }),

        // Not run by default (below): a bulk-resume request's CPU and allocation, the engine alone and the whole process.
        ("request_cost", async result => result["request_cost"] = await RequestCost.MeasureAsync(ConcurrentEntries, repetitions: quick ? 5 : 9)),
    ];

    public static async Task<int> RunAsync(string output, string? only)
    {
        var parts = Parts(BenchSettings.Quick);
        if (only is not null && parts.All(part => part.Name != only))
        {
            await Console.Error.WriteLineAsync($"measure: no part '{only}'; the parts are {string.Join(", ", parts.Select(part => part.Name))}.");
            return 2;
        }

        var result = new JsonObject { ["machine"] = MachineInfo.Describe() };
        foreach ((string name, Func<JsonObject, Task> measure) in parts)
        {
            if (only == name || (only is null && name is not ("concurrent_drain_c8" or "request_cost")))
            {
                long started = Stopwatch.GetTimestamp();
                await measure(result);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"measure: {name} took {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s"));
            }
        }

        await File.WriteAllTextAsync(output, result.ToJsonString(ReportJson.Options));
        return 0;
    }

    private static async Task ResumePerSecondAsync(JsonObject result)
    {
        int entries = BenchSettings.Quick ? 10_000 : 100_000;
        var resumePerSecond = new JsonObject();
        foreach (string kind in BenchStores.Available)
        {
            resumePerSecond[kind] = Math.Round(await ResumeThroughput.MeasureAsync(kind, entries));
            Console.WriteLine($"measure: resume_per_s.{kind} = {resumePerSecond[kind]}");
        }

        result["resume_per_s"] = resumePerSecond;
        result["resume_per_s_entries"] = entries;
    }
}
