using BulkResume.Engine.Sqlite;
using BulkResume.Engine.Storage;
using Microsoft.Data.Sqlite;

namespace BulkResume.IntegrationTests.Properties;

/// <summary>The store of a generated drain: a new in-memory one, or SQLite over a temporary file that disposing removes.</summary>
internal sealed class GeneratedStore : IAsyncDisposable
{
    private readonly string? _file;

    private GeneratedStore(IDlqStore store, string? file)
    {
        Store = store;
        _file = file;
    }

    public IDlqStore Store { get; }

    public static GeneratedStore Open(StoreKind kind)
    {
        if (kind != StoreKind.Sqlite)
        {
            return new GeneratedStore(new InMemoryDlqStore(), file: null);
        }

        string file = Path.Combine(Path.GetTempPath(), $"bulkresume-drain-{Guid.NewGuid():N}.db");
        return new GeneratedStore(SqliteDlqStore.Open(file), file);
    }

    public async ValueTask DisposeAsync()
    {
        if (_file is null)
        {
            return;
        }

        await ((SqliteDlqStore)Store).DisposeAsync();

        // A pooled connection would keep the file open, and the next case would find its -wal and -shm still there.
        SqliteConnection.ClearAllPools();
        foreach (var path in new[] { _file, _file + "-wal", _file + "-shm" })
        {
            File.Delete(path);
        }
    }
}
