using BenchmarkDotNet.Attributes;
using BulkResume.Benchmarks.Data;
using BulkResume.Engine.Ids;

namespace BulkResume.Benchmarks.Paging;

/// <summary>
/// The floor under <c>page_cost_ratio.memory</c>: one part of a page's work done by the BCL alone. A page stores 50 new
/// runs, and the in-memory store keeps run ids in a <see cref="SortedSet{T}"/> (ordinal) for the run-log listing: here
/// 50 new random run ids are added to a set of as many ids as the DLQ holds, and removed again outside the measured
/// region. When this ratio is above the target too, the target measures the memory hierarchy (a 1,000-entry DLQ stays
/// in the CPU caches, a 1,000,000-entry one does not), not a scan.
/// </summary>
[GcForce(false)]
public class RunIndexFloorBenchmarks
{
    private readonly SortedSet<string> _runIds = new(StringComparer.Ordinal);
    private string[] _newIds = [];

    [ParamsSource(nameof(Sizes))]
    public int Entries { get; set; }

    public static IEnumerable<int> Sizes => PageCostBenchmarks.Sizes;

    [GlobalSetup]
    public void Fill()
    {
        while (_runIds.Count < Entries)
        {
            _runIds.Add(DefaultDlqIdGenerator.Shared.NewWorkflowRunId());
        }
    }

    [IterationSetup]
    public void MakeNewIds() =>
        _newIds = Enumerable.Range(0, PageCostBenchmarks.Pages * BenchData.PageSize).Select(_ => DefaultDlqIdGenerator.Shared.NewWorkflowRunId()).ToArray();

    [Benchmark(OperationsPerInvoke = PageCostBenchmarks.Pages)]
    public int AddRunIds()
    {
        foreach (string id in _newIds)
        {
            _runIds.Add(id);
        }

        return _runIds.Count;
    }

    [IterationCleanup]
    public void RemoveNewIds()
    {
        foreach (string id in _newIds)
        {
            _runIds.Remove(id);
        }
    }
}
