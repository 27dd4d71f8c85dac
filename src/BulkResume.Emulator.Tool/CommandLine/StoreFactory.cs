using BulkResume.Engine.PostgreSql;
using BulkResume.Engine.Sqlite;
using BulkResume.Engine.Storage;

namespace BulkResume.Emulator.Tool.CommandLine;

/// <summary>Opens the store a <c>--store</c> argument names: <c>memory</c>, <c>sqlite:PATH</c> or <c>postgres:CONNECTION_STRING</c>.</summary>
internal static class StoreFactory
{
    public static IDlqStore Open(string spec)
    {
        if (spec == "memory")
        {
            return new InMemoryDlqStore();
        }

        if (spec.StartsWith("sqlite:", StringComparison.Ordinal) && spec.Length > "sqlite:".Length)
        {
            return SqliteDlqStore.Open(spec["sqlite:".Length..]);
        }

        if (spec.StartsWith("postgres:", StringComparison.Ordinal) && spec.Length > "postgres:".Length)
        {
            return PostgreSqlDlqStore.Create(spec["postgres:".Length..]);
        }

        throw new ArgumentException("--store must be memory, sqlite:PATH or postgres:CONNECTION_STRING.");
    }
}
