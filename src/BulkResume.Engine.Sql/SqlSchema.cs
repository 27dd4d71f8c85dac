namespace BulkResume.Engine.Sql;

/// <summary>
/// The tables of a SQL store, and the migrations that make them, written once for every database with its
/// <see cref="SqlDialect"/>'s types: <c>dlq_entries</c> (each entry's key, its filter columns and the entry as JSON),
/// <c>dlq_labels</c> (one row a label, for the label filter's index), <c>runs</c> (each run's filter columns and the
/// run as JSON), <c>bulk_actions</c> (each async bulk action's key, progress and times, and the engine's definition)
/// and <c>deliveries</c> (each message the engine is to deliver: its run, due time, lease, flow-control key and the
/// engine's definition).
/// </summary>
/// <remarks>A store records the version it reached, and applies the migrations after it in one transaction.</remarks>
public static class SqlSchema
{
    /// <summary>The newest schema version.</summary>
    public const int CurrentVersion = 5;

    /// <summary>The migrations in <paramref name="dialect"/>'s SQL, the one at index i taking the schema from version i to version i + 1.</summary>
    /// <param name="dialect">The database's dialect.</param>
    /// <returns>The migrations, <see cref="CurrentVersion"/> of them.</returns>
    public static IReadOnlyList<string> Migrations(SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        string entries = dialect.Table("dlq_entries");
        string labels = dialect.Table("dlq_labels");
        string runs = dialect.Table("runs");
        string actions = dialect.Table("bulk_actions");
        string deliveries = dialect.Table("deliveries");
        string key = dialect.KeyText;
        string int64 = dialect.Int64;
        return
        [
            $"""
            CREATE TABLE {entries} (
                dlq_id {key} NOT NULL PRIMARY KEY,
                created_at {int64} NOT NULL,
                workflow_url {key} NOT NULL,
                workflow_run_id {key} NOT NULL,
                workflow_created_ms {int64} NOT NULL,
                flow_control_key {key} NULL,
                caller_ip {key} NULL,
                callback_state {key} NULL,
                entry {dialect.Json} NOT NULL
            );
            CREATE UNIQUE INDEX ix_dlq_entries_key ON {entries} (created_at, dlq_id);
            CREATE INDEX ix_dlq_entries_url ON {entries} (workflow_url, created_at, dlq_id);
            CREATE INDEX ix_dlq_entries_run_id ON {entries} (workflow_run_id);
            CREATE INDEX ix_dlq_entries_workflow_created ON {entries} (workflow_created_ms, created_at, dlq_id);
            CREATE INDEX ix_dlq_entries_flow_control_key ON {entries} (flow_control_key, created_at, dlq_id) WHERE flow_control_key IS NOT NULL;
            CREATE INDEX ix_dlq_entries_caller_ip ON {entries} (caller_ip, created_at, dlq_id) WHERE caller_ip IS NOT NULL;
            CREATE INDEX ix_dlq_entries_callback_state ON {entries} (callback_state, created_at, dlq_id) WHERE callback_state IS NOT NULL;
            CREATE TABLE {labels} (
                label {key} NOT NULL,
                created_at {int64} NOT NULL,
                dlq_id {key} NOT NULL{dialect.LabelEntryReference},
                PRIMARY KEY (label, created_at, dlq_id)
            ){dialect.LabelTableOptions};
            CREATE INDEX ix_dlq_labels_entry ON {labels} (dlq_id, label);
            CREATE TABLE {runs} (
                workflow_run_id {key} NOT NULL PRIMARY KEY,
                state {key} NOT NULL,
                origin {key} NOT NULL,
                source_dlq_id {key} NULL,
                run {dialect.Json} NOT NULL
            );
            CREATE INDEX ix_runs_state_origin ON {runs} (state, origin);
            CREATE INDEX ix_runs_source_dlq_id ON {runs} (source_dlq_id) WHERE source_dlq_id IS NOT NULL;
            """,

            // Version 2: the run logs' filters, as columns of the runs, filled from the stored JSON of the runs already there.
            $"""
            ALTER TABLE {runs} ADD COLUMN workflow_url {key} NULL;
            ALTER TABLE {runs} ADD COLUMN created_at {int64} NULL;
            ALTER TABLE {runs} ADD COLUMN flow_control_key {key} NULL;
            ALTER TABLE {runs} ADD COLUMN caller_ip {key} NULL;
            UPDATE {runs} SET
                workflow_url = {dialect.JsonText("run", "WorkflowUrl")},
                created_at = {dialect.JsonTimeTicks("run", "CreatedAt")},
                flow_control_key = {dialect.JsonText("run", "Configuration", "FlowControlKey")},
                caller_ip = {dialect.JsonText("run", "CallerIp")};
            CREATE INDEX ix_runs_workflow_url ON {runs} (workflow_url, workflow_run_id);
            """,

            // Version 3: the workflow URL indexes keep what the dialect indexes of a long text (PostgreSQL: its hash), so a
            // URL past a B-tree row's 2,704 bytes can be stored. Index names are qualified like tables.
            $"""
            DROP INDEX {dialect.Table("ix_dlq_entries_url")};
            CREATE INDEX ix_dlq_entries_url ON {entries} ({dialect.IndexedText("workflow_url")}, created_at, dlq_id);
            DROP INDEX {dialect.Table("ix_runs_workflow_url")};
            CREATE INDEX ix_runs_workflow_url ON {runs} ({dialect.IndexedText("workflow_url")}, workflow_run_id);
            """,

            // Version 4: the async bulk actions. One unfinished action per key (kind and selection), which an identical
            // request finds; times are UTC ticks like the entries'.
            $"""
            CREATE TABLE {actions} (
                action_id {key} NOT NULL PRIMARY KEY,
                action_key {key} NOT NULL,
                definition {key} NOT NULL,
                total {int64} NOT NULL,
                processed {int64} NOT NULL,
                created_at {int64} NOT NULL,
                completed_at {int64} NULL
            );
            CREATE UNIQUE INDEX ux_bulk_actions_running ON {actions} (action_key) WHERE completed_at IS NULL;
            CREATE INDEX ix_bulk_actions_unfinished ON {actions} (action_id) WHERE completed_at IS NULL;
            """,

            // Version 5: the delivery queue. Times are UTC ticks. A claim reads the unleased rows in due order from the
            // first partial index, and the leased ones whose lease ended and that are due from the second, which keeps
            // the time each can be claimed again (the later of its due time and its lease's end): neither passes over
            // the deliveries in flight, however many there are.
            $"""
            CREATE TABLE {deliveries} (
                message_id {key} NOT NULL PRIMARY KEY,
                workflow_run_id {key} NOT NULL,
                due_at {int64} NOT NULL,
                leased_until {int64} NULL,
                flow_control_key {key} NULL,
                definition {key} NOT NULL
            );
            CREATE INDEX ix_deliveries_due ON {deliveries} (due_at, message_id) WHERE leased_until IS NULL;
            CREATE INDEX ix_deliveries_lease_end ON {deliveries} (({dialect.Greatest("due_at", "leased_until")})) WHERE leased_until IS NOT NULL;
            CREATE INDEX ix_deliveries_run ON {deliveries} (workflow_run_id, due_at, message_id);
            """,
        ];
    }
}
