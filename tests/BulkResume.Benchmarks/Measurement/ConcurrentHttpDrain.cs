using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using BulkResume.Benchmarks.Client;
using BulkResume.Benchmarks.Data;

namespace BulkResume.Benchmarks.Measurement;

/// <summary>
/// <c>concurrent_drain</c> (issue 16): the SDK draining <c>entries</c> entries from a fresh, seeded emulator with
/// <see cref="ResumeOptions.MaxConcurrency"/> 1, 2, 4, 8 and 16, once with <see cref="LatencyMs"/> of latency injected
/// into every DLQ request (<c>POST /_emulator/faults</c>) and once without (the engine-bound case). Each drain must
/// yield every entry's run exactly once and leave the DLQ empty, or the measurement fails. Repetitions run the
/// concurrencies in turn, ascending then descending, so a drift in the machine's load falls on all of them alike;
/// the figure of each case is the median of its repetitions. Seeding and the emulator's start are not timed.
/// </summary>
internal static class ConcurrentHttpDrain
{
    public const int LatencyMs = 20;

    public static IReadOnlyList<int> Concurrencies { get; } = [1, 2, 4, 8, 16];

    public static async Task<JsonObject> MeasureAsync(int entries, int latencyRepetitions, int noLatencyRepetitions)
    {
        // Untimed: the first concurrent drain runs code the sequential drains before it never did.
        foreach (int concurrency in Concurrencies)
        {
            await DrainAsync(entries / 10, concurrency, latencyMs: 0);
        }

        return new JsonObject
        {
            ["entries"] = entries,
            ["latency_ms"] = LatencyMs,
            ["latency"] = await CasesAsync(entries, LatencyMs, latencyRepetitions),
            ["no_latency"] = await CasesAsync(entries, 0, noLatencyRepetitions),
        };
    }

    /// <summary>Every concurrency <paramref name="repetitions"/> times; per concurrency the median seconds, entries/s and each repetition's seconds.</summary>
    private static async Task<JsonObject> CasesAsync(int entries, int latencyMs, int repetitions)
    {
        var seconds = Concurrencies.ToDictionary(c => c, _ => new List<double>());
        for (int repetition = 0; repetition < repetitions; repetition++)
        {
            IEnumerable<int> order = repetition % 2 == 0 ? Concurrencies : Concurrencies.Reverse();
            foreach (int concurrency in order)
            {
                double elapsed = await DrainAsync(entries, concurrency, latencyMs);
                seconds[concurrency].Add(elapsed);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"measure: concurrent drain, latency {latencyMs} ms, concurrency {concurrency}: {elapsed:F3} s"));
            }
        }

        var cases = new JsonObject();
        foreach ((int concurrency, List<double> runs) in seconds)
        {
            double median = Median(runs);
            cases[concurrency.ToString(CultureInfo.InvariantCulture)] = new JsonObject
            {
                ["seconds"] = Math.Round(median, 4),
                ["entries_per_s"] = Math.Round(entries / median),
                ["repetitions_s"] = new JsonArray([.. runs.Select(s => (JsonNode?)Math.Round(s, 4))]),
            };
        }

        return cases;
    }

    /// <summary>One timed drain of a fresh emulator; checks that every run came back once and that the DLQ is empty.</summary>
    private static async Task<double> DrainAsync(int entries, int concurrency, int latencyMs)
    {
        await using SeededEmulator emulator = await SeededEmulator.StartAsync(entries);
        await emulator.SetLatencyAsync(latencyMs);
        var runIds = new List<string>(entries);
        HeapProbe.Live();
        var clock = Stopwatch.StartNew();
        int resumed = await ClientDrain.DrainAsync(emulator.Client, BenchData.OrdersUrl, maxConcurrency: concurrency, runIds: runIds);
        clock.Stop();

        int distinct = runIds.Distinct(StringComparer.Ordinal).Count();
        long left = await emulator.DlqCountAsync();
        return resumed == entries && distinct == entries && left == 0
            ? clock.Elapsed.TotalSeconds
            : throw new InvalidOperationException(
                $"The drain at concurrency {concurrency} (latency {latencyMs} ms) yielded {resumed} runs ({distinct} distinct) of {entries} entries and left {left} in the DLQ.");
    }

    private static double Median(List<double> values)
    {
        double[] sorted = [.. values.Order()];
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
