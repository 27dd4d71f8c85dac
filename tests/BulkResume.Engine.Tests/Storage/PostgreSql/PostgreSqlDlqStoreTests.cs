using BulkResume.Engine.PostgreSql;
using BulkResume.Engine.Storage;

namespace BulkResume.Engine.Tests.Storage.PostgreSql;

/// <summary>
/// The store conformance suite over a real PostgreSQL server: one database for the class, and a new schema (an empty
/// store) for every store a test creates.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlDlqStoreTests : DlqStoreConformanceTests, IClassFixture<PostgreSqlDlqStoreTests.Database>
{
    private readonly Database _database;

    public PostgreSqlDlqStoreTests(Database database) => _database = database;

    protected override IDlqStore CreateStore() =>
        PostgreSqlDlqStore.Create(_database.ConnectionString, new PostgreSqlDlqStoreOptions { Schema = "s_" + Guid.NewGuid().ToString("N") });

    /// <summary>A store with a data source (connection pool) of its own over the same schema, as a restarted process opens it.</summary>
    protected override IDlqStore ReopenStore(IDlqStore store) =>
        PostgreSqlDlqStore.Create(_database.ConnectionString, new PostgreSqlDlqStoreOptions { Schema = ((PostgreSqlDlqStore)store).Schema });

    /// <summary>The class's own database on the collection's server.</summary>
    public sealed class Database(PostgreSqlServerFixture server) : IAsyncLifetime
    {
        private string? _connectionString;

        /// <summary>The database's connection string; without a server the test skips (or, under CI, the fixture already failed).</summary>
        public string ConnectionString
        {
            get
            {
                Skip.If(_connectionString is null, "No PostgreSQL server for the conformance suite: " + server.SkipReason);
                return _connectionString!;
            }
        }

        public async Task InitializeAsync()
        {
            if (server.ConnectionString is not null)
            {
                _connectionString = await server.CreateDatabaseAsync();
            }
        }

        public Task DisposeAsync() => Task.CompletedTask;
    }
}
