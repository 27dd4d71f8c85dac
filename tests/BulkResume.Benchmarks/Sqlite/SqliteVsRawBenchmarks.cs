using BenchmarkDotNet.Attributes;
using BulkResume.Benchmarks.Data;
using BulkResume.Engine;
using BulkResume.Engine.Sqlite;

namespace BulkResume.Benchmarks.Sqlite;

/// <summary>
/// The absolute figures behind <c>sqlite_vs_raw_ratio</c> (the ratio itself is measured in interleaved pairs by
/// <c>measure</c>): resuming 10,000 entries (200 transactions of 50) through <see cref="SqliteDlqStore"/> and the engine,
/// and through <see cref="RawSqliteResume"/>. Both start every iteration from a copy of one seeded file.
/// </summary>
public class SqliteVsRawBenchmarks
{
    public const int Entries = 10_000;

    private SqliteDrainTemplate? _template;
    private SqliteDlqStore? _store;
    private DlqEngine? _engine;
    private RawSqliteResume? _raw;

    [GlobalSetup]
    public void SeedTemplate() => _template = SqliteDrainTemplate.CreateAsync(Entries).GetAwaiter().GetResult();

    [IterationSetup(Target = nameof(Store))]
    public void OpenStore()
    {
        _store = _template!.OpenStore();
        _engine = new DlqEngine(_store);
    }

    [IterationSetup(Target = nameof(HandWrittenSql))]
    public void OpenRaw() => _raw = _template!.OpenRaw();

    [Benchmark(Baseline = true)]
    public int HandWrittenSql() => _raw!.Drain(BenchData.OrdersUrl);

    [Benchmark]
    public Task<int> Store() => EngineDrain.ResumeAsync(_engine!, BenchData.OrdersOnly);

    [IterationCleanup]
    public void Close()
    {
        _store?.Dispose();
        _raw?.Dispose();
        (_store, _raw) = (null, null);
    }

    [GlobalCleanup]
    public void RemoveFiles() => _template?.Dispose();
}
