using System.Globalization;
using System.Text.Json.Nodes;
using BulkResume.Benchmarks.Data;
using BulkResume.Benchmarks.Pairing;

namespace BulkResume.Benchmarks.Measurement;

/// <summary>
/// <c>async_resume.against_drain_c8</c> (issue 26): over loopback with <see cref="ConcurrentHttpDrain.LatencyMs"/> of
/// latency in every DLQ request, the wall time of an async bulk resume of <c>entries</c> entries as a user writes it
/// (<c>StartBulkResumeAsync</c>, then <c>WaitForCompletionAsync</c> at its default polling interval with a progress
/// reporter) against the SDK's drain of the same entries at <see cref="Concurrency"/>, in interleaved pairs on one
/// emulator whose store is emptied and seeded again before each side (seeding not timed). The ratio is the async side's
/// seconds over the drain's, per pair; no target. Beside it, the action's own duration by the emulator's clock
/// (<c>completedAt - createdAt</c>) and the status reads, which tell the work from the wait for the next read.
/// </summary>
internal static class AsyncResumeAgainstDrain
{
    public const int Concurrency = 8;

    public static async Task<JsonObject> MeasureAsync(int entries, int pairs, int warmups)
    {
        await using SeededEmulator emulator = await SeededEmulator.StartAsync();
        await emulator.SetLatencyAsync(ConcurrentHttpDrain.LatencyMs);
        var watched = new List<Watched>();
        IReadOnlyList<(Sample A, Sample B)> measured = await Interleaved.PairsAsync(
            warmups,
            pairs,
            async () =>
            {
                (Sample sample, Watched action) = await ResumeAsync(emulator, entries);
                watched.Add(action);
                return sample;
            },
            async () => (await ConcurrentHttpDrain.DrainAsync(emulator, entries, Concurrency)).Sample);

        // The warm-up pairs' actions are not kept, as their samples are not.
        Watched[] kept = [.. watched.Skip(warmups)];
        RatioSpread ratio = measured.TimeRatio();
        double asyncSeconds = Median(measured.Select(pair => pair.A.Seconds));
        double drainSeconds = Median(measured.Select(pair => pair.B.Seconds));
        double actionSeconds = Median(kept.Select(action => action.ActionSeconds));
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"measure: async_resume.against_drain_c8 = {ratio.Describe()}; async {asyncSeconds:F3} s (the action itself {actionSeconds:F3} s), drain at {Concurrency} {drainSeconds:F3} s"));
        return new JsonObject
        {
            ["entries"] = entries,
            ["latency_ms"] = ConcurrentHttpDrain.LatencyMs,
            ["concurrency"] = Concurrency,
            ["ratio"] = ratio.ToJson(),
            ["async_seconds"] = Math.Round(asyncSeconds, 4),
            ["drain_seconds"] = Math.Round(drainSeconds, 4),
            ["action_seconds"] = Math.Round(actionSeconds, 4),
            ["status_reads"] = Math.Round(kept.Average(action => action.StatusReads), 1),
            ["repetitions_async_s"] = new JsonArray([.. measured.Select(pair => (JsonNode?)Math.Round(pair.A.Seconds, 4))]),
            ["repetitions_drain_s"] = new JsonArray([.. measured.Select(pair => (JsonNode?)Math.Round(pair.B.Seconds, 4))]),
        };
    }

    /// <summary>One timed async resume of a freshly seeded DLQ; checks that the action covered every entry and left the DLQ empty.</summary>
    private static async Task<(Sample Sample, Watched Action)> ResumeAsync(SeededEmulator emulator, int entries)
    {
        await emulator.SeedAsync(entries);
        var reads = new StatusReads();
        BulkAction? finished = null;
        Sample sample = await Sample.TakeAsync(
            async () =>
            {
                BulkActionOperation operation = await emulator.Client.Dlq.StartBulkResumeAsync(ResumeFilter.Create().ForWorkflowUrl(BenchData.OrdersUrl));
                finished = await operation.WaitForCompletionAsync(pollingInterval: null, reads);
                return checked((int)finished.Processed);
            },
            entries,
            collectFirst: true);

        long left = await emulator.DlqCountAsync();
        return finished is { Total: var total, CompletedAt: { } completedAt } && total == entries && left == 0
            ? (sample, new Watched((completedAt - finished.CreatedAt).TotalSeconds, reads.Count))
            : throw new InvalidOperationException(
                $"The async resume of {entries} entries finished with a total of {finished?.Total} and left {left} entries in the DLQ.");
    }

    private static double Median(IEnumerable<double> values) => RatioSpread.Quantile([.. values.Order()], 0.5);

    /// <summary>What the action's finished status said of it: how long it ran by the emulator's clock, and how many status reads the wait took.</summary>
    private readonly record struct Watched(double ActionSeconds, int StatusReads);

    /// <summary>The progress reporter a user passes, here counting the status reads it hears (on the thread that read them).</summary>
    private sealed class StatusReads : IProgress<BulkAction>
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Report(BulkAction value) => Interlocked.Increment(ref _count);
    }
}
