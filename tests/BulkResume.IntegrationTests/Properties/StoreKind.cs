using BulkResume.Engine.Storage;

namespace BulkResume.IntegrationTests.Properties;

/// <summary>The engine's store in a generated drain.</summary>
public enum StoreKind
{
    /// <summary><c>InMemoryDlqStore</c>.</summary>
    Memory,

    /// <summary><c>SqliteDlqStore</c> over a temporary file.</summary>
    Sqlite,
}
