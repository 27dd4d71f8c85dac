using BulkResume.Engine.Sqlite;
using BulkResume.Engine.Storage;

namespace BulkResume.Engine.Tests.Storage.Sqlite;

/// <summary>The store conformance suite over a real SQLite file, a new one per test.</summary>
public sealed class SqliteDlqStoreTests : DlqStoreConformanceTests, IDisposable
{
    private readonly List<SqliteDlqStore> _stores = [];
    private readonly TempDatabase _files = new();

    protected override IDlqStore CreateStore()
    {
        SqliteDlqStore store = SqliteDlqStore.Open(System.IO.Path.Combine(_files.Directory, $"dlq-{_stores.Count}.db"));
        _stores.Add(store);
        return store;
    }

    public void Dispose()
    {
        foreach (SqliteDlqStore store in _stores)
        {
            store.Dispose();
        }

        _files.Dispose();
    }
}
