using System.Globalization;
using System.Text.Json.Nodes;
using BulkResume.Benchmarks.Client;
using BulkResume.Benchmarks.Data;
using BulkResume.Benchmarks.Pairing;
using BulkResume.Engine.Paging;

namespace BulkResume.Benchmarks.Measurement;

/// <summary>
/// <c>concurrent_drain</c> (issue 16): the SDK draining <c>entries</c> entries from a freshly seeded emulator with
/// <see cref="ResumeOptions.MaxConcurrency"/> 1, 2, 4, 8 and 16, once with <see cref="LatencyMs"/> of latency injected
/// into every DLQ request (<c>POST /_emulator/faults</c>) and once without (the engine-bound case). Each drain must
/// yield every entry's run exactly once and leave the DLQ empty, and every request it sent must be a listing or a
/// resume page whose runs add up to the entries, or the measurement fails. A round drains at each concurrency in turn,
/// ascending then descending in the next round, so that a drift in the machine's load falls on all of them alike; a
/// speedup is taken per round (the round's seconds at 1 over its seconds at n), so each is a ratio of two drains of
/// the same round, and reported as the median of the rounds with its spread. One emulator and one client serve every
/// drain of a case, its store emptied and seeded again before each (seeding is not timed), so that no drain pays for
/// starting a server or opening connections.
/// </summary>
internal static class ConcurrentHttpDrain
{
    public const int LatencyMs = 20;

    public static IReadOnlyList<int> Concurrencies { get; } = [1, 2, 4, 8, 16];

    public static async Task<JsonObject> MeasureAsync(int entries, int latencyRounds, int noLatencyRounds) => new()
    {
        ["entries"] = entries,
        ["latency_ms"] = LatencyMs,
        ["latency"] = await CasesAsync(entries, LatencyMs, latencyRounds, Concurrencies),
        ["no_latency"] = await CasesAsync(entries, 0, noLatencyRounds, Concurrencies),
    };

    /// <summary>The pair whose target is closest (8 against 1, with latency) alone: a look at one change without the rest.</summary>
    public static async Task<JsonObject> MeasureAtEightAsync(int entries, int rounds) => new()
    {
        ["entries"] = entries,
        ["latency_ms"] = LatencyMs,
        ["latency"] = await CasesAsync(entries, LatencyMs, rounds, [1, 8]),
    };

    /// <summary>
    /// Every concurrency once per round; per concurrency the median seconds and entries/s, the speedup over 1 with its
    /// spread, the requests sent per page of the page size the entries fill (by kind, the mean of the rounds), and
    /// each round's seconds and requests.
    /// </summary>
    private static async Task<JsonObject> CasesAsync(int entries, int latencyMs, int rounds, IReadOnlyList<int> concurrencies)
    {
        await using SeededEmulator emulator = await SeededEmulator.StartAsync();
        await emulator.SetLatencyAsync(latencyMs);

        // Untimed: the first drain at each concurrency runs code, and opens connections, that later drains find ready.
        foreach (int concurrency in concurrencies)
        {
            await DrainAsync(emulator, entries / 10, concurrency);
        }

        var drains = concurrencies.ToDictionary(c => c, _ => new List<Drained>());
        for (int round = 0; round < rounds; round++)
        {
            foreach (int concurrency in round % 2 == 0 ? concurrencies : concurrencies.Reverse())
            {
                Drained drained = await DrainAsync(emulator, entries, concurrency);
                drains[concurrency].Add(drained);
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"measure: concurrent drain, latency {latencyMs} ms, concurrency {concurrency}: {drained.Seconds:F3} s, {drained.Requests.Total} requests, {drained.Requests.RoundTrips} round trips"));
            }
        }

        double pages = (double)entries / BenchData.PageSize;
        var cases = new JsonObject();
        foreach ((int concurrency, List<Drained> runs) in drains)
        {
            double median = RatioSpread.Quantile([.. runs.Select(r => r.Seconds).Order()], 0.5);
            var figures = new JsonObject
            {
                ["seconds"] = Math.Round(median, 4),
                ["entries_per_s"] = Math.Round(entries / median),
            };
            if (concurrency > 1)
            {
                RatioSpread speedup = RatioSpread.Of(runs.Select((run, round) => drains[1][round].Seconds / run.Seconds));
                figures["speedup"] = Math.Round(speedup.Median, 3);
                figures["speedup_spread"] = speedup.ToJson();
            }

            figures["requests_per_page"] = new JsonObject
            {
                ["total"] = PerPage(r => r.Total),
                ["full"] = PerPage(r => r.Full),
                ["short"] = PerPage(r => r.Short),
                ["empty"] = PerPage(r => r.Empty),
                ["listings"] = PerPage(r => r.Listings),
            };
            figures["round_trips"] = Math.Round(runs.Average(r => r.Requests.RoundTrips), 1);
            figures["repetitions_s"] = new JsonArray([.. runs.Select(r => (JsonNode?)Math.Round(r.Seconds, 4))]);
            figures["repetitions_requests"] = new JsonArray([.. runs.Select(r => (JsonNode?)new JsonObject
            {
                ["full"] = r.Requests.Full,
                ["short"] = r.Requests.Short,
                ["empty"] = r.Requests.Empty,
                ["listings"] = r.Requests.Listings,
                ["round_trips"] = r.Requests.RoundTrips,
            })]);
            cases[concurrency.ToString(CultureInfo.InvariantCulture)] = figures;

            double PerPage(Func<RequestCounts, int> kind) => Math.Round(runs.Average(r => kind(r.Requests)) / pages, 4);
        }

        return cases;
    }

    /// <summary>One timed drain of a freshly seeded DLQ; checks that every run came back once, that the DLQ is empty and what was sent.</summary>
    public static async Task<Drained> DrainAsync(SeededEmulator emulator, int entries, int concurrency)
    {
        await emulator.SeedAsync(entries);
        var runIds = new List<string>(entries);
        RequestCounts before = emulator.Requests.Counts;
        Sample sample = await Sample.TakeAsync(
            () => ClientDrain.DrainAsync(emulator.Client, BenchData.OrdersUrl, maxConcurrency: concurrency, runIds: runIds), entries, collectFirst: true);

        RequestCounts requests = emulator.Requests.Counts.Since(before);
        int distinct = runIds.Distinct(StringComparer.Ordinal).Count();
        long left = await emulator.DlqCountAsync();
        return distinct == entries && left == 0 && requests.Runs == entries && requests.Other == 0
            ? new Drained(sample, requests)
            : throw new InvalidOperationException(
                $"The drain at concurrency {concurrency} yielded {distinct} distinct runs of {entries} entries, left {left} in the DLQ, "
                + $"and its resume answers held {requests.Runs} runs; {requests.Other} of its requests were neither a listing nor an answered resume page.");
    }

    /// <summary>A drain's sample and the requests it sent.</summary>
    public readonly record struct Drained(Sample Sample, RequestCounts Requests)
    {
        public double Seconds => Sample.Seconds;
    }
}
