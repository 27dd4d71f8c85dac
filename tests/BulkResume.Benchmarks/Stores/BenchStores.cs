using BulkResume.Benchmarks.Configuration;
using BulkResume.Engine.PostgreSql;
using BulkResume.Engine.Sqlite;
using BulkResume.Engine.Storage;
using Npgsql;

namespace BulkResume.Benchmarks.Stores;

/// <summary>Makes an empty store of each kind: <c>memory</c>, <c>sqlite</c> (a file in a temporary directory), <c>postgres</c> (a schema of its own).</summary>
internal static class BenchStores
{
    public const string Memory = "memory";
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    /// <summary>The kinds this machine can measure: PostgreSQL only when <c>BULKRESUME_POSTGRES</c> is set.</summary>
    public static IEnumerable<string> Available =>
        BenchSettings.PostgresConnectionString is null ? [Memory, Sqlite] : [Memory, Sqlite, Postgres];

    /// <summary>An empty store of <paramref name="kind"/>; <paramref name="name"/> tells files and schemas apart.</summary>
    public static async Task<BenchStore> CreateAsync(string kind, string name)
    {
        switch (kind)
        {
            case Memory:
                return new BenchStore(new InMemoryDlqStore(), _ => Task.CompletedTask, () => Task.CompletedTask);
            case Sqlite:
                string directory = BenchSettings.NewSqliteDirectory();
                return new BenchStore(
                    SqliteDlqStore.Open(Path.Combine(directory, name + ".db")),
                    _ => Task.CompletedTask,
                    () =>
                    {
                        Directory.Delete(directory, recursive: true);
                        return Task.CompletedTask;
                    });
            case Postgres:
                string connectionString = BenchSettings.PostgresConnectionString
                    ?? throw new InvalidOperationException("BULKRESUME_POSTGRES is not set; source .ci/postgres.sh or set it to a connection string.");
                string schema = "bench_" + name;
                await DropSchemaAsync(connectionString, schema);
                PostgreSqlDlqStore store = PostgreSqlDlqStore.Create(connectionString, new PostgreSqlDlqStoreOptions { Schema = schema });
                await store.InitializeAsync();
                return new BenchStore(
                    store,
                    analyze => ExecuteAsync(
                        connectionString, $"VACUUM {(analyze ? "(ANALYZE) " : string.Empty)}\"{schema}\".dlq_entries, \"{schema}\".dlq_labels, \"{schema}\".runs;"),
                    () => DropSchemaAsync(connectionString, schema));
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Use memory, sqlite or postgres.");
        }
    }

    private static Task DropSchemaAsync(string connectionString, string schema) =>
        ExecuteAsync(connectionString, $"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE;");

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
