using System.Runtime.CompilerServices;
using System.Globalization;
using BulkResume.Engine.Sql;
using Npgsql;

namespace BulkResume.Engine.PostgreSql;

/// <summary>The store's tables, versioned in <c>schema_version</c>.</summary>
/// <remarks>
/// Each engine instance brings the schema to its version on first use, under a transaction-scoped advisory lock so that
/// instances starting together migrate it once.
/// </remarks>
internal static class PostgreSqlSchema
{
    /// <summary>The newest schema version this code knows.</summary>
    public static int CurrentVersion => SqlSchema.CurrentVersion;

    /// <summary>Brings <paramref name="schema"/> to <see cref="CurrentVersion"/>, or refuses one from a newer version.</summary>
    public static async Task MigrateAsync(NpgsqlConnection connection, string schema, string quotedSchema, CancellationToken cancellationToken)
    {
        NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable transactionDisposal = transaction.ConfigureAwait(false);
        var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext(@key));", connection, transaction);
        await using (lockCommand.ConfigureAwait(false))
        {
            lockCommand.Parameters.AddWithValue("key", "bulkresume.schema:" + schema);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAsync(connection, transaction, $"CREATE SCHEMA IF NOT EXISTS {quotedSchema}; CREATE TABLE IF NOT EXISTS {quotedSchema}.schema_version (version integer NOT NULL);", cancellationToken).ConfigureAwait(false);
        int version;
        var read = new NpgsqlCommand($"SELECT max(version) FROM {quotedSchema}.schema_version;", connection, transaction);
        await using (read.ConfigureAwait(false))
        {
            object? value = await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            version = value is null or DBNull ? 0 : Convert.ToInt32(value, CultureInfo.InvariantCulture);
        }

        if (version > CurrentVersion)
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"The DLQ schema '{schema}' has schema version {version}, newer than version {CurrentVersion}, the newest this version of BulkResume.Engine.PostgreSql supports. Upgrade every engine instance that uses it to the newer package, or use another schema."));
        }

        if (version == CurrentVersion)
        {
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        IReadOnlyList<string> migrations = SqlSchema.Migrations(new PostgreSqlDialect(quotedSchema));
        for (int next = version; next < CurrentVersion; next++)
        {
            await ExecuteAsync(connection, transaction, migrations[next], cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAsync(
            connection,
            transaction,
            string.Create(CultureInfo.InvariantCulture, $"DELETE FROM {quotedSchema}.schema_version; INSERT INTO {quotedSchema}.schema_version (version) VALUES ({CurrentVersion});"),
            cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        await using ConfiguredAsyncDisposable commandDisposal = command.ConfigureAwait(false);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
