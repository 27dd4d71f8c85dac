using BulkResume.Engine.Sqlite;
using BulkResume.Engine.Storage;

namespace BulkResume.Engine.Tests.Storage.Sqlite;

/// <summary>The store conformance suite over a real SQLite file, a new one per store (the suite disposes the stores first).</summary>
public sealed class SqliteDlqStoreTests : DlqStoreConformanceTests, IDisposable
{
    private readonly TempDatabase _files = new();

    protected override IDlqStore CreateStore() =>
        SqliteDlqStore.Open(System.IO.Path.Combine(_files.Directory, $"dlq-{Guid.NewGuid():N}.db"));

    protected override IDlqStore ReopenStore(IDlqStore store) => SqliteDlqStore.Open(((SqliteDlqStore)store).Path);

    public void Dispose() => _files.Dispose();
}
