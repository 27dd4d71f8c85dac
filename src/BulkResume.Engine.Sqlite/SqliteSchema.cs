using System.Globalization;
using BulkResume.Engine.Sql;
using Microsoft.Data.Sqlite;

namespace BulkResume.Engine.Sqlite;

/// <summary>
/// The file's schema, versioned with <c>PRAGMA user_version</c>: each migration takes the file from one version to the
/// next inside one <c>BEGIN IMMEDIATE</c> transaction, so two processes opening a new file at once migrate it once.
/// </summary>
internal static class SqliteSchema
{
    /// <summary>The migrations, the one at index i taking the file from version i to version i + 1.</summary>
    private static readonly IReadOnlyList<string> Migrations = SqlSchema.Migrations(SqliteDialect.Instance);

    /// <summary>The newest schema version this code knows.</summary>
    public static int CurrentVersion => Migrations.Count;

    /// <summary>Brings the file to <see cref="CurrentVersion"/>, or refuses a file from a newer version.</summary>
    public static void Migrate(SqliteConnection connection, string path)
    {
        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        int version = ReadVersion(connection, transaction);
        if (version > CurrentVersion)
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"The DLQ database '{path}' has schema version {version}, newer than version {CurrentVersion}, the newest this version of BulkResume.Engine.Sqlite supports. Open it with the newer version of the package that wrote it, or use another file."));
        }

        for (int next = version; next < CurrentVersion; next++)
        {
            Execute(connection, transaction, Migrations[next]);
        }

        // Written even when unchanged: this is the write that proves the file can be written.
        Execute(connection, transaction, string.Create(CultureInfo.InvariantCulture, $"PRAGMA user_version = {CurrentVersion};"));
        transaction.Commit();
    }

    public static int ReadVersion(SqliteConnection connection, SqliteTransaction? transaction = null)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
