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

        throw new ArgumentException($"--store {Shown(spec)} is not a store. Give memory, sqlite:PATH or postgres:CONNECTION_STRING.");
    }

    /// <summary>
    /// The value as given, quoted; but for what follows its first colon when it holds a <c>=</c>: a mistyped
    /// <c>postgres:</c> still carries a connection string, and its password has no place in an error on a shared terminal.
    /// </summary>
    private static string Shown(string spec) =>
        spec.Contains('=', StringComparison.Ordinal)
            ? $"'{spec[..(spec.IndexOf(':', StringComparison.Ordinal) + 1)]}...' (the rest not shown: it may hold a password)"
            : $"'{spec}'";
}
