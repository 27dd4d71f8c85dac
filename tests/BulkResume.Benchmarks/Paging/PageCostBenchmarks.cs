using BenchmarkDotNet.Attributes;
using BulkResume.Benchmarks.Configuration;
using BulkResume.Benchmarks.Stores;

namespace BulkResume.Benchmarks.Paging;

/// <summary>
/// The absolute figures behind <c>page_cost_ratio</c> (the ratios themselves are measured in interleaved pairs by
/// <c>measure</c>): one 50-entry bulk-resume page with a workflow-URL and date-range filter, in a small and a large DLQ,
/// per store (<see cref="PageCostCase"/>). No forced full collection between iterations: with one invocation per
/// iteration it would leave a 1,000,000-entry heap cold in cache before every measured page and measure the collector,
/// not the page (a page after a forced GC costs 1.8 times a page in a running drain at 1,000,000 entries).
/// <see cref="ListPage"/> reads the same pages without taking them: evidence of what the size costs the reads alone
/// (<c>page_cost_read_ratio</c> in the summary's details).
/// </summary>
[GcForce(false)]
public class PageCostBenchmarks
{
    private PageCostCase? _case;

    [ParamsSource(nameof(Stores))]
    public string Store { get; set; } = BenchStores.Memory;

    [ParamsSource(nameof(Sizes))]
    public int Entries { get; set; }

    public static IEnumerable<string> Stores => BenchStores.Available;

    public static IEnumerable<int> Sizes => [BenchSettings.SmallDlq, BenchSettings.LargeDlq];

    [GlobalSetup]
    public void Seed() => _case = PageCostCase.CreateAsync(Store, Entries).GetAwaiter().GetResult();

    [IterationSetup(Target = nameof(ResumePage))]
    public void NoteWhatWillBeTaken() => _case!.NoteWhatWillBeTakenAsync().GetAwaiter().GetResult();

    [Benchmark(OperationsPerInvoke = PageCostCase.Pages)]
    public async Task<int> ResumePage() => Checked(await _case!.ResumePagesAsync(), "Resumed");

    [Benchmark(OperationsPerInvoke = PageCostCase.Pages)]
    public async Task<int> ListPage() => Checked(await _case!.ListPagesAsync(), "Listed");

    [IterationCleanup(Target = nameof(ResumePage))]
    public void PutBack() => _case!.PutBackAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Remove() => _case?.DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static int Checked(int entries, string verb) =>
        entries == PageCostCase.Entries ? entries : throw new InvalidOperationException($"{verb} {entries} entries, not {PageCostCase.Entries}.");
}
