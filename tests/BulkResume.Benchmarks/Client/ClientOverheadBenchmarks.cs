using BenchmarkDotNet.Attributes;
using BulkResume.Benchmarks.Data;
using BulkResume.Engine;
using BulkResume.Engine.Paging;

namespace BulkResume.Benchmarks.Client;

/// <summary>
/// The absolute figures behind <c>client_overhead_ratio</c> and <c>client_alloc_ratio</c> (the ratios themselves are
/// measured in interleaved pairs by <c>measure</c>): draining 10,000 entries (200 pages of 50) through the in-process
/// handler with the SDK, and with the hand-written loop. Each iteration gets a fresh, identically seeded engine, so
/// both do the same engine work; figures are per page. Both paths are drained before any measurement and the class
/// runs more iterations than the others (each is cheap), so neither pays for warming the shared engine code.
/// </summary>
[WarmupCount(5)]
[IterationCount(31)]
public class ClientOverheadBenchmarks
{
    public const int Entries = 10_000;
    public const int Pages = Entries / BenchData.PageSize;

    private IReadOnlyList<DlqEntry> _entries = [];
    private ClientDrainFixture? _fixture;

    [GlobalSetup]
    public void BuildEntriesAndWarmUp()
    {
        _entries = BenchData.OneWorkflow(0, Entries);
        for (int round = 0; round < 3; round++)
        {
            Reseed();
            HandWritten().GetAwaiter().GetResult();
            Reseed();
            Client().GetAwaiter().GetResult();
        }
    }

    [IterationSetup]
    public void Reseed()
    {
        Release();
        _fixture = ClientDrainFixture.CreateAsync(_entries).GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Pages)]
    public Task<int> HandWritten() => _fixture!.HandWrittenAsync();

    [Benchmark(OperationsPerInvoke = Pages)]
    public Task<int> Client() => _fixture!.ClientAsync();

    [GlobalCleanup]
    public void Release()
    {
        _fixture?.Dispose();
        _fixture = null;
    }
}
