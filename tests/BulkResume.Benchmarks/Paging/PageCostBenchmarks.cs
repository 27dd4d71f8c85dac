using BenchmarkDotNet.Attributes;
using BulkResume.Benchmarks.Configuration;
using BulkResume.Benchmarks.Data;
using BulkResume.Benchmarks.Stores;
using BulkResume.Engine;
using BulkResume.Engine.Model;
using BulkResume.Engine.Paging;
using BulkResume.Engine.Selection;
using BulkResume.Engine.Storage;

namespace BulkResume.Benchmarks.Paging;

/// <summary>
/// <c>page_cost_ratio</c>: one 50-entry bulk-resume page with a workflow-URL and date-range filter, in a small and a
/// large DLQ, per store. The DLQ is seeded once per case; each iteration resumes the first <see cref="Pages"/> pages of
/// the selection, and the entries they took are put back after it, outside the measured region, so every iteration
/// does the same work at the same position. No forced full collection between iterations: with one invocation per
/// iteration it would leave a 1,000,000-entry heap cold in cache before every measured page and measure the collector,
/// not the page (a page after a forced GC costs 1.8 times a page in a running drain at 1,000,000 entries).
/// <see cref="ListPage"/> reads the same pages without taking them: evidence of what the size costs the reads alone
/// (<c>page_cost_read_ratio</c> in the summary's details).
/// </summary>
[GcForce(false)]
public class PageCostBenchmarks
{
    public const int Pages = 4;

    private BenchStore? _store;
    private DlqEngine? _engine;
    private DlqSelection _selection = DlqSelection.All;
    private IReadOnlyList<DlqEntry> _toTake = [];

    [ParamsSource(nameof(Stores))]
    public string Store { get; set; } = BenchStores.Memory;

    [ParamsSource(nameof(Sizes))]
    public int Entries { get; set; }

    public static IEnumerable<string> Stores => BenchStores.Available;

    public static IEnumerable<int> Sizes => [BenchSettings.SmallDlq, BenchSettings.LargeDlq];

    [GlobalSetup]
    public void Seed() => SeedAsync().GetAwaiter().GetResult();

    [IterationSetup(Target = nameof(ResumePage))]
    public void NoteWhatWillBeTaken() =>
        _toTake = _store!.Store.QueryAsync(new DlqQuery(_selection, after: null, Pages * BenchData.PageSize)).AsTask().GetAwaiter().GetResult();

    [Benchmark(OperationsPerInvoke = Pages)]
    public async Task<int> ResumePage()
    {
        int resumed = await EngineDrain.ResumeAsync(_engine!, _selection, Pages);
        return resumed == Pages * BenchData.PageSize ? resumed : throw new InvalidOperationException($"Resumed {resumed} entries, not {Pages * BenchData.PageSize}.");
    }

    [Benchmark(OperationsPerInvoke = Pages)]
    public async Task<int> ListPage()
    {
        int listed = 0;
        string? cursor = null;
        for (int page = 0; page < Pages; page++)
        {
            DlqEntryPage result = await _engine!.ListAsync(_selection, cursor, BenchData.PageSize);
            listed += result.Entries.Count;
            cursor = result.Cursor;
        }

        return listed == Pages * BenchData.PageSize ? listed : throw new InvalidOperationException($"Listed {listed} entries, not {Pages * BenchData.PageSize}.");
    }

    [IterationCleanup(Target = nameof(ResumePage))]
    public void PutBack()
    {
        _store!.Store.AddAsync(_toTake).AsTask().GetAwaiter().GetResult();
        _store.SettleAsync().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Remove() => _store?.DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task SeedAsync()
    {
        _store = await BenchStores.CreateAsync(Store, "pagecost_" + Entries);
        await BenchData.SeedAsync(_store.Store, Entries, (from, count) => BenchData.Mixed(from, count));
        await _store.SettleAsync();
        _engine = new DlqEngine(_store.Store);
        _selection = BenchData.MiddleOfOrders(Entries);
    }
}
