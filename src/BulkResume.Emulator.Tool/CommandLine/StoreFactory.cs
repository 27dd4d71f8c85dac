using System.Text.RegularExpressions;
using BulkResume.Engine.PostgreSql;
using BulkResume.Engine.Sqlite;
using BulkResume.Engine.Storage;

namespace BulkResume.Emulator.Tool.CommandLine;

/// <summary>Opens the store a <c>--store</c> argument names: <c>memory</c>, <c>sqlite:PATH</c> or <c>postgres:CONNECTION_STRING</c>.</summary>
internal static partial class StoreFactory
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

    /// <summary>The value as given, quoted, unless it may hold a password.</summary>
    /// <remarks>
    /// A value with <c>=</c>, <c>;</c> or <c>@</c> may be a connection string or a URI with credentials (a mistyped
    /// <c>postgres:</c>, <c>postgresql://user:secret@host</c>): only a leading scheme is shown, since a password has no
    /// place in an error on a shared terminal.
    /// </remarks>
    private static string Shown(string spec)
    {
        if (spec.IndexOfAny(['=', ';', '@']) < 0)
        {
            return $"'{spec}'";
        }

        string scheme = Scheme().Match(spec).Value;
        return scheme.Length > 0 ? $"'{scheme}...' (the rest not shown: it may hold a password)" : "(not shown: it may hold a password)";
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]*:", RegexOptions.CultureInvariant)]
    private static partial Regex Scheme();
}
