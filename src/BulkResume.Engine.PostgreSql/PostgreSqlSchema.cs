using System.Runtime.CompilerServices;
using System.Globalization;
using Npgsql;

namespace BulkResume.Engine.PostgreSql;

/// <summary>
/// The store's tables, versioned in <c>schema_version</c>. Each engine instance brings the schema to its version on first
/// use, under a transaction-scoped advisory lock so that instances starting together migrate it once.
/// </summary>
internal static class PostgreSqlSchema
{
    /// <summary>The migrations, the one at index i taking the schema from version i to version i + 1; {s} is the schema.</summary>
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE {s}.dlq_entries (
            dlq_id text COLLATE "C" NOT NULL PRIMARY KEY,
            created_at bigint NOT NULL,
            workflow_url text COLLATE "C" NOT NULL,
            workflow_run_id text COLLATE "C" NOT NULL,
            workflow_created_ms bigint NOT NULL,
            flow_control_key text COLLATE "C" NULL,
            caller_ip text COLLATE "C" NULL,
            callback_state text COLLATE "C" NULL,
            entry jsonb NOT NULL
        );
        CREATE UNIQUE INDEX ix_dlq_entries_key ON {s}.dlq_entries (created_at, dlq_id);
        CREATE INDEX ix_dlq_entries_url ON {s}.dlq_entries (workflow_url, created_at, dlq_id);
        CREATE INDEX ix_dlq_entries_run_id ON {s}.dlq_entries (workflow_run_id);
        CREATE INDEX ix_dlq_entries_workflow_created ON {s}.dlq_entries (workflow_created_ms, created_at, dlq_id);
        CREATE INDEX ix_dlq_entries_flow_control_key ON {s}.dlq_entries (flow_control_key, created_at, dlq_id) WHERE flow_control_key IS NOT NULL;
        CREATE INDEX ix_dlq_entries_caller_ip ON {s}.dlq_entries (caller_ip, created_at, dlq_id) WHERE caller_ip IS NOT NULL;
        CREATE INDEX ix_dlq_entries_callback_state ON {s}.dlq_entries (callback_state, created_at, dlq_id) WHERE callback_state IS NOT NULL;
        CREATE TABLE {s}.dlq_labels (
            label text COLLATE "C" NOT NULL,
            created_at bigint NOT NULL,
            dlq_id text COLLATE "C" NOT NULL REFERENCES {s}.dlq_entries (dlq_id) ON DELETE CASCADE,
            PRIMARY KEY (label, created_at, dlq_id)
        );
        CREATE INDEX ix_dlq_labels_entry ON {s}.dlq_labels (dlq_id, label);
        CREATE TABLE {s}.runs (
            workflow_run_id text COLLATE "C" NOT NULL PRIMARY KEY,
            state text NOT NULL,
            origin text NOT NULL,
            source_dlq_id text COLLATE "C" NULL,
            run jsonb NOT NULL
        );
        CREATE INDEX ix_runs_state_origin ON {s}.runs (state, origin);
        CREATE INDEX ix_runs_source_dlq_id ON {s}.runs (source_dlq_id) WHERE source_dlq_id IS NOT NULL;
        """,
        // Version 2: the run logs' filters, as columns of the runs (filled from the stored JSON for the runs already there).
        """
        ALTER TABLE {s}.runs ADD COLUMN workflow_url text COLLATE "C" NULL;
        ALTER TABLE {s}.runs ADD COLUMN created_at bigint NULL;
        ALTER TABLE {s}.runs ADD COLUMN flow_control_key text COLLATE "C" NULL;
        ALTER TABLE {s}.runs ADD COLUMN caller_ip text COLLATE "C" NULL;
        UPDATE {s}.runs SET
            workflow_url = run ->> 'WorkflowUrl',
            created_at = (EXTRACT(EPOCH FROM (run ->> 'CreatedAt')::timestamptz) * 10000000)::bigint + 621355968000000000,
            flow_control_key = run -> 'Configuration' ->> 'FlowControlKey',
            caller_ip = run ->> 'CallerIp';
        CREATE INDEX ix_runs_workflow_url ON {s}.runs (workflow_url, workflow_run_id);
        """,
    ];

    /// <summary>The newest schema version this code knows.</summary>
    public static int CurrentVersion => Migrations.Length;

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

        for (int next = version; next < CurrentVersion; next++)
        {
            await ExecuteAsync(connection, transaction, Migrations[next].Replace("{s}", quotedSchema, StringComparison.Ordinal), cancellationToken).ConfigureAwait(false);
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
