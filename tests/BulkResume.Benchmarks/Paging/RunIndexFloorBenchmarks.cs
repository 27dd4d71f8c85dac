using BenchmarkDotNet.Attributes;

namespace BulkResume.Benchmarks.Paging;

/// <summary>
/// The absolute figures under <c>page_cost_ratio.memory</c> (<see cref="RunIndexFloor"/>; the ratio is measured in
/// interleaved pairs by <c>measure</c>). When its ratio is above the target too, the target measures the memory
/// hierarchy (a 1,000-entry DLQ stays in the CPU caches, a 1,000,000-entry one does not), not a scan.
/// </summary>
[GcForce(false)]
public class RunIndexFloorBenchmarks
{
    private RunIndexFloor? _floor;

    [ParamsSource(nameof(Sizes))]
    public int Entries { get; set; }

    public static IEnumerable<int> Sizes => PageCostBenchmarks.Sizes;

    [GlobalSetup]
    public void Fill() => _floor = new RunIndexFloor(Entries);

    [IterationSetup]
    public void MakeNewIds() => _floor!.MakeNewIds();

    [Benchmark(OperationsPerInvoke = PageCostCase.Pages)]
    public int AddRunIds() => _floor!.AddNewIds();

    [IterationCleanup]
    public void RemoveNewIds() => _floor!.RemoveNewIds();
}
