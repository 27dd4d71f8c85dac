using System.Globalization;
using Microsoft.Data.Sqlite;

namespace BulkResume.Engine.Sqlite;

/// <summary>
/// The file's schema, versioned with <c>PRAGMA user_version</c>: each migration takes the file from one version to the
/// next inside one <c>BEGIN IMMEDIATE</c> transaction, so two processes opening a new file at once migrate it once.
/// </summary>
internal static class SqliteSchema
{
    /// <summary>The migrations, the one at index i taking the file from version i to version i + 1.</summary>
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE dlq_entries (
            dlq_id TEXT NOT NULL PRIMARY KEY,
            created_at INTEGER NOT NULL,
            workflow_url TEXT NOT NULL,
            workflow_run_id TEXT NOT NULL,
            workflow_created_ms INTEGER NOT NULL,
            flow_control_key TEXT NULL,
            caller_ip TEXT NULL,
            callback_state TEXT NULL,
            entry TEXT NOT NULL
        );
        CREATE UNIQUE INDEX ix_dlq_entries_key ON dlq_entries (created_at, dlq_id);
        CREATE INDEX ix_dlq_entries_url ON dlq_entries (workflow_url, created_at, dlq_id);
        CREATE INDEX ix_dlq_entries_run_id ON dlq_entries (workflow_run_id);
        CREATE INDEX ix_dlq_entries_workflow_created ON dlq_entries (workflow_created_ms, created_at, dlq_id);
        CREATE INDEX ix_dlq_entries_flow_control_key ON dlq_entries (flow_control_key, created_at, dlq_id) WHERE flow_control_key IS NOT NULL;
        CREATE INDEX ix_dlq_entries_caller_ip ON dlq_entries (caller_ip, created_at, dlq_id) WHERE caller_ip IS NOT NULL;
        CREATE INDEX ix_dlq_entries_callback_state ON dlq_entries (callback_state, created_at, dlq_id) WHERE callback_state IS NOT NULL;
        CREATE TABLE dlq_labels (
            label TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            dlq_id TEXT NOT NULL,
            PRIMARY KEY (label, created_at, dlq_id)
        ) WITHOUT ROWID;
        CREATE INDEX ix_dlq_labels_entry ON dlq_labels (dlq_id, label);
        CREATE TABLE runs (
            workflow_run_id TEXT NOT NULL PRIMARY KEY,
            state TEXT NOT NULL,
            origin TEXT NOT NULL,
            source_dlq_id TEXT NULL,
            run TEXT NOT NULL
        );
        CREATE INDEX ix_runs_state_origin ON runs (state, origin);
        CREATE INDEX ix_runs_source_dlq_id ON runs (source_dlq_id) WHERE source_dlq_id IS NOT NULL;
        """,
        // Version 2: the run logs' filters, as columns of the runs (filled from the stored JSON for the runs already there).
        """
        ALTER TABLE runs ADD COLUMN workflow_url TEXT NULL;
        ALTER TABLE runs ADD COLUMN created_at INTEGER NULL;
        ALTER TABLE runs ADD COLUMN flow_control_key TEXT NULL;
        ALTER TABLE runs ADD COLUMN caller_ip TEXT NULL;
        UPDATE runs SET
            workflow_url = json_extract(run, '$.WorkflowUrl'),
            created_at = CAST(ROUND((julianday(json_extract(run, '$.CreatedAt')) - 2440587.5) * 86400000.0) AS INTEGER) * 10000 + 621355968000000000,
            flow_control_key = json_extract(run, '$.Configuration.FlowControlKey'),
            caller_ip = json_extract(run, '$.CallerIp');
        CREATE INDEX ix_runs_workflow_url ON runs (workflow_url, workflow_run_id);
        """,
    ];

    /// <summary>The newest schema version this code knows.</summary>
    public static int CurrentVersion => Migrations.Length;

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
