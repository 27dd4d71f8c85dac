using System.Globalization;
using System.Text.Json.Nodes;
using BulkResume.Benchmarks.Data;
using BulkResume.Benchmarks.Pairing;
using BulkResume.Benchmarks.Stores;
using BulkResume.Engine;

namespace BulkResume.Benchmarks.Measurement;

/// <summary>
/// <c>async_resume.floor</c> (issue 26): on each store, an async bulk resume of <c>entries</c> entries (the action
/// started in process as the HTTP API starts it, its count of the selection included, and a worker run until it has
/// finished) against the engine's sync bulk resume of the same entries (<see cref="EngineDrain"/>, pages of 50 following
/// the cursor, as <c>resume_per_s</c> measures), in interleaved pairs. Each side of a pair gets a fresh store seeded
/// with the same entries (seeding and settling not timed). The ratio is the async side's entries per second over the
/// sync side's, per pair; the target is at least 0.7.
/// </summary>
internal static class AsyncResumeFloor
{
    public static async Task<JsonObject> MeasureAsync(int entries, int pairs, int warmups)
    {
        var stores = new JsonObject();
        foreach (string kind in BenchStores.Available)
        {
            IReadOnlyList<(Sample A, Sample B)> measured = await Interleaved.PairsAsync(
                warmups, pairs, () => ResumeAsync(kind, entries, EngineBulkAction.ResumeAsync), () => ResumeAsync(kind, entries, SyncAsync));

            // Entries per second, async over sync: the sync side's seconds over the async side's.
            RatioSpread ratio = RatioSpread.Of(measured.Select(pair => pair.B.Seconds / pair.A.Seconds));
            double asyncPerSecond = entries / RatioSpread.Quantile([.. measured.Select(pair => pair.A.Seconds).Order()], 0.5);
            double syncPerSecond = entries / RatioSpread.Quantile([.. measured.Select(pair => pair.B.Seconds).Order()], 0.5);
            stores[kind] = new JsonObject
            {
                ["ratio"] = ratio.ToJson(),
                ["async_per_s"] = Math.Round(asyncPerSecond),
                ["sync_per_s"] = Math.Round(syncPerSecond),
            };
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"measure: async_resume.floor.{kind} = {ratio.Describe()}; async {asyncPerSecond:F0}/s, sync {syncPerSecond:F0}/s"));
        }

        return new JsonObject { ["entries"] = entries, ["stores"] = stores };
    }

    private static Task<int> SyncAsync(DlqEngine engine) => EngineDrain.ResumeAsync(engine, BenchData.OrdersOnly);

    /// <summary>One timed resume of <paramref name="entries"/> entries from a fresh, seeded store of <paramref name="kind"/>.</summary>
    private static async Task<Sample> ResumeAsync(string kind, int entries, Func<DlqEngine, Task<int>> resume)
    {
        await using BenchStore store = await BenchStores.CreateAsync(kind, "async_floor");
        await BenchData.SeedAsync(store.Store, entries, BenchData.OneWorkflow);
        await store.SettleAsync();
        var engine = new DlqEngine(store.Store);
        return await Sample.TakeAsync(() => resume(engine), entries, collectFirst: true);
    }
}
