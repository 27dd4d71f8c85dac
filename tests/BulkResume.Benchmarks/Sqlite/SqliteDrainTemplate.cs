using BulkResume.Benchmarks.Configuration;
using BulkResume.Benchmarks.Data;
using BulkResume.Engine.Sqlite;
using BulkResume.Engine.Storage;
using Microsoft.Data.Sqlite;

namespace BulkResume.Benchmarks.Sqlite;

/// <summary>
/// One SQLite file seeded with <see cref="BenchData.OneWorkflow"/> entries, copied afresh before every drain so that
/// the store and the hand-written SQL each start from the same database.
/// </summary>
internal sealed class SqliteDrainTemplate : IDisposable
{
    private readonly string _directory;
    private readonly string _template;
    private readonly string _work;

    private SqliteDrainTemplate(string directory)
    {
        _directory = directory;
        _template = Path.Combine(directory, "template.db");
        _work = Path.Combine(directory, "work.db");
    }

    public static async Task<SqliteDrainTemplate> CreateAsync(int entries)
    {
        var template = new SqliteDrainTemplate(BenchSettings.NewSqliteDirectory());
        using (SqliteDlqStore store = SqliteDlqStore.Open(template._template))
        {
            await new DlqStoreWrites(store).AddAsync(BenchData.OneWorkflow(0, entries));
        }

        // Fold the WAL into the file, so one file copy is the whole database.
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = template._template, Pooling = false }.ToString());
        connection.Open();
        using SqliteCommand checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        checkpoint.ExecuteNonQuery();
        return template;
    }

    /// <summary>The store over a fresh copy of the seeded file.</summary>
    public SqliteDlqStore OpenStore()
    {
        CopyTemplate();
        return SqliteDlqStore.Open(_work);
    }

    /// <summary>The hand-written SQL over a fresh copy of the seeded file.</summary>
    public RawSqliteResume OpenRaw()
    {
        CopyTemplate();
        return new RawSqliteResume(_work);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private void CopyTemplate()
    {
        foreach (string suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(_work + suffix);
        }

        File.Copy(_template, _work);
    }
}
