using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using BulkResume.Benchmarks.Client;
using BulkResume.Benchmarks.Configuration;
using BulkResume.Benchmarks.Data;
using BulkResume.Benchmarks.Paging;
using BulkResume.Benchmarks.Sqlite;
using BulkResume.Benchmarks.Stores;
using BulkResume.Engine;
using BulkResume.Engine.Sqlite;

namespace BulkResume.Benchmarks.Pairing;

/// <summary>
/// The ratios of issue 9's targets, each side measured in turn with the other (<see cref="Interleaved"/>) by the same
/// code as the BenchmarkDotNet classes, which report the absolute figures: the SDK against the hand-written loop
/// (time and bytes allocated), the SQLite store against hand-written SQL, and a page in the large DLQ against one in
/// the small DLQ for every store, for reads alone and for the BCL's run index alone.
/// </summary>
internal static class PairedRatios
{
    /// <summary>How many pairs each ratio takes (and how many are run first and not kept).</summary>
    public sealed record Repetitions(int ClientPairs, int SqlitePairs, int PagePairs, int Warmups);

    public static async Task<JsonObject> MeasureAsync(Repetitions repetitions)
    {
        var ratios = new JsonObject();

        long started = Stopwatch.GetTimestamp();
        IReadOnlyList<(Sample A, Sample B)> client = await ClientPairsAsync(repetitions);
        ratios["client_overhead_ratio"] = Report("client_overhead_ratio", client.TimeRatio(), started);
        ratios["client_alloc_ratio"] = Report("client_alloc_ratio", client.AllocationRatio(), started);

        started = Stopwatch.GetTimestamp();
        ratios["sqlite_vs_raw_ratio"] = Report("sqlite_vs_raw_ratio", (await SqlitePairsAsync(repetitions)).TimeRatio(), started);

        var pageCost = new JsonObject();
        var readCost = new JsonObject();
        foreach (string store in BenchStores.Available)
        {
            started = Stopwatch.GetTimestamp();
            await using PageCostCase small = await PageCostCase.CreateAsync(store, BenchSettings.SmallDlq);
            await using PageCostCase large = await PageCostCase.CreateAsync(store, BenchSettings.LargeDlq);
            pageCost[store] = Report($"page_cost_ratio.{store}", (await Interleaved.PairsAsync(
                repetitions.Warmups, repetitions.PagePairs, () => ResumePagesAsync(large), () => ResumePagesAsync(small))).TimeRatio(), started);
            started = Stopwatch.GetTimestamp();
            readCost[store] = Report($"page_cost_read_ratio.{store}", (await Interleaved.PairsAsync(
                repetitions.Warmups, repetitions.PagePairs, () => ListPagesAsync(large), () => ListPagesAsync(small))).TimeRatio(), started);
        }

        ratios["page_cost_ratio"] = pageCost;
        ratios["page_cost_read_ratio"] = readCost;

        started = Stopwatch.GetTimestamp();
        var smallIndex = new RunIndexFloor(BenchSettings.SmallDlq);
        var largeIndex = new RunIndexFloor(BenchSettings.LargeDlq);
        ratios["page_cost_floor_ratio.memory"] = Report("page_cost_floor_ratio.memory", (await Interleaved.PairsAsync(
            repetitions.Warmups, repetitions.PagePairs, () => AddRunIdsAsync(largeIndex), () => AddRunIdsAsync(smallIndex))).TimeRatio(), started);
        return ratios;
    }

    /// <summary>The SDK (A) and the hand-written loop (B) each draining a fresh engine with the same 10,000 entries.</summary>
    private static async Task<IReadOnlyList<(Sample A, Sample B)>> ClientPairsAsync(Repetitions repetitions)
    {
        IReadOnlyList<DlqEntry> entries = BenchData.OneWorkflow(0, ClientOverheadBenchmarks.Entries);
        return await Interleaved.PairsAsync(repetitions.Warmups, repetitions.ClientPairs, () => DrainAsync(f => f.ClientAsync()), () => DrainAsync(f => f.HandWrittenAsync()));

        async Task<Sample> DrainAsync(Func<ClientDrainFixture, Task<int>> drain)
        {
            using ClientDrainFixture fixture = await ClientDrainFixture.CreateAsync(entries);
            return await Sample.TakeAsync(() => drain(fixture), entries.Count, collectFirst: true);
        }
    }

    /// <summary>The store through the engine (A) and the hand-written SQL (B), each from a fresh copy of one seeded file.</summary>
    private static async Task<IReadOnlyList<(Sample A, Sample B)>> SqlitePairsAsync(Repetitions repetitions)
    {
        const int entries = SqliteVsRawBenchmarks.Entries;
        using SqliteDrainTemplate template = await SqliteDrainTemplate.CreateAsync(entries);
        return await Interleaved.PairsAsync(repetitions.Warmups, repetitions.SqlitePairs, StoreAsync, RawAsync);

        async Task<Sample> StoreAsync()
        {
            using SqliteDlqStore store = template.OpenStore();
            var engine = new DlqEngine(store);
            return await Sample.TakeAsync(() => EngineDrain.ResumeAsync(engine, BenchData.OrdersOnly), entries, collectFirst: true);
        }

        async Task<Sample> RawAsync()
        {
            using RawSqliteResume raw = template.OpenRaw();
            return await Sample.TakeAsync(() => Task.FromResult(raw.Drain(BenchData.OrdersUrl)), entries, collectFirst: true);
        }
    }

    private static async Task<Sample> ResumePagesAsync(PageCostCase pages)
    {
        await pages.NoteWhatWillBeTakenAsync();
        Sample sample = await Sample.TakeAsync(pages.ResumePagesAsync, PageCostCase.Entries, collectFirst: false);
        await pages.PutBackAsync();
        return sample;
    }

    private static Task<Sample> ListPagesAsync(PageCostCase pages) =>
        Sample.TakeAsync(pages.ListPagesAsync, PageCostCase.Entries, collectFirst: false);

    private static async Task<Sample> AddRunIdsAsync(RunIndexFloor index)
    {
        index.MakeNewIds();
        Sample sample = await Sample.TakeAsync(() => Task.FromResult(index.AddNewIds()), PageCostCase.Entries, collectFirst: false);
        index.RemoveNewIds();
        return sample;
    }

    /// <summary>Prints the ratio and how long its pairs took since <paramref name="started"/> (setup included), and returns its spread as JSON.</summary>
    private static JsonObject Report(string key, RatioSpread spread, long started)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"measure: {key} = {spread.Describe()} in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s"));
        return spread.ToJson();
    }
}
