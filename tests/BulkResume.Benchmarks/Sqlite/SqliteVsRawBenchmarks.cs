using BenchmarkDotNet.Attributes;
using BulkResume.Benchmarks.Configuration;
using BulkResume.Benchmarks.Data;
using BulkResume.Engine;
using BulkResume.Engine.Sqlite;
using BulkResume.Engine.Storage;
using Microsoft.Data.Sqlite;

namespace BulkResume.Benchmarks.Sqlite;

/// <summary>
/// <c>sqlite_vs_raw_ratio</c>: resuming 10,000 entries (200 transactions of 50) through <see cref="SqliteDlqStore"/>
/// and the engine, against <see cref="RawSqliteResume"/>. Both start every iteration from a copy of one seeded file.
/// </summary>
public class SqliteVsRawBenchmarks
{
    public const int Entries = 10_000;

    private string _directory = string.Empty;
    private string _template = string.Empty;
    private string _work = string.Empty;
    private SqliteDlqStore? _store;
    private DlqEngine? _engine;
    private RawSqliteResume? _raw;

    [GlobalSetup]
    public void SeedTemplate()
    {
        _directory = BenchSettings.NewSqliteDirectory();
        _template = Path.Combine(_directory, "template.db");
        _work = Path.Combine(_directory, "work.db");
        using (SqliteDlqStore store = SqliteDlqStore.Open(_template))
        {
            store.AddAsync(BenchData.OneWorkflow(0, Entries)).AsTask().GetAwaiter().GetResult();
        }

        // Fold the WAL into the file, so one file copy is the whole database.
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _template, Pooling = false }.ToString());
        connection.Open();
        using SqliteCommand checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        checkpoint.ExecuteNonQuery();
    }

    [IterationSetup(Target = nameof(Store))]
    public void OpenStore()
    {
        CopyTemplate();
        _store = SqliteDlqStore.Open(_work);
        _engine = new DlqEngine(_store);
    }

    [IterationSetup(Target = nameof(HandWrittenSql))]
    public void OpenRaw()
    {
        CopyTemplate();
        _raw = new RawSqliteResume(_work);
    }

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
    public void RemoveFiles() => Directory.Delete(_directory, recursive: true);

    private void CopyTemplate()
    {
        foreach (string suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(_work + suffix);
        }

        File.Copy(_template, _work);
    }
}
