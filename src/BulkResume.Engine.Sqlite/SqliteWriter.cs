using BulkResume.Engine.Model;
using BulkResume.Engine.Selection;
using BulkResume.Engine.Storage.Sql;
using Microsoft.Data.Sqlite;

namespace BulkResume.Engine.Sqlite;

/// <summary>
/// The one connection a <see cref="SqliteDlqStore"/> writes through, kept open from its first write to its disposal,
/// with the statements a take runs for every entry prepared once and reused by every transaction, as a hand-written
/// loop keeps them. A pooled connection opened per write (with its pragmas) and the delete and run upsert prepared per
/// page cost about 10 ms of every 10,000 entries resumed. The keyset queries a take reads its page with are kept too,
/// by their SQL text (one per shape of filter), so a bulk operation prepares its query once, not once a page. Used only
/// under the store's write gate, one write at a time.
/// </summary>
internal sealed class SqliteWriter(SqliteConnection connection) : IDisposable
{
    /// <summary>How many query shapes are kept; past it the cache starts over, so unusual filters cannot grow it.</summary>
    private const int MaxQueries = 32;

    private readonly Dictionary<string, SqliteCommand> _queries = new(StringComparer.Ordinal);
    private SqliteCommand? _deleteEntry;
    private SqliteCommand? _upsertRun;

    /// <summary>The open connection; every write transaction of the store begins on it.</summary>
    public SqliteConnection Connection => connection;

    /// <summary>Removes the entry with this id and its labels, in <paramref name="transaction"/>.</summary>
    public void DeleteEntry(SqliteTransaction transaction, string dlqId)
    {
        _deleteEntry ??= Prepare("DELETE FROM dlq_entries WHERE dlq_id = @id; DELETE FROM dlq_labels WHERE dlq_id = @id;", "@id");
        _deleteEntry.Transaction = transaction;
        _deleteEntry.Parameters[0].Value = dlqId;
        _deleteEntry.ExecuteNonQuery();
    }

    /// <summary>Inserts or replaces <paramref name="run"/>, in <paramref name="transaction"/>.</summary>
    public void StoreRun(SqliteTransaction transaction, WorkflowRun run)
    {
        _upsertRun ??= Prepare(
            """
            INSERT INTO runs (workflow_run_id, state, origin, source_dlq_id, workflow_url, created_at, flow_control_key, caller_ip, run)
            VALUES (@id, @state, @origin, @source, @url, @created, @key, @ip, @run)
            ON CONFLICT (workflow_run_id) DO UPDATE SET state = excluded.state, origin = excluded.origin, source_dlq_id = excluded.source_dlq_id,
                workflow_url = excluded.workflow_url, created_at = excluded.created_at, flow_control_key = excluded.flow_control_key,
                caller_ip = excluded.caller_ip, run = excluded.run;
            """,
            "@id",
            "@state",
            "@origin",
            "@source",
            "@url",
            "@created",
            "@key",
            "@ip",
            "@run");
        _upsertRun.Transaction = transaction;
        SqliteParameterCollection parameters = _upsertRun.Parameters;
        parameters[0].Value = run.WorkflowRunId;
        parameters[1].Value = run.State.ToString();
        parameters[2].Value = run.Origin.ToString();
        parameters[3].Value = (object?)run.SourceDlqId ?? DBNull.Value;
        parameters[4].Value = run.WorkflowUrl;
        parameters[5].Value = run.CreatedAt.UtcTicks;
        parameters[6].Value = (object?)run.Configuration.FlowControlKey ?? DBNull.Value;
        parameters[7].Value = (object?)run.CallerIp ?? DBNull.Value;
        parameters[8].Value = StoredJson.Serialize(run);
        _upsertRun.ExecuteNonQuery();
    }

    /// <summary>
    /// The keyset query of <paramref name="query"/>, in <paramref name="transaction"/>: the command kept for the same SQL
    /// text with this query's values, or a new one.
    /// </summary>
    public SqliteCommand Query(SqliteTransaction transaction, DlqQuery query)
    {
        var built = connection.CreateCommand();
        SqlDlqQueryBuilder.Build(built, query, SqliteDialect.Instance);
        if (_queries.TryGetValue(built.CommandText, out SqliteCommand? kept))
        {
            // The same text comes from the same builder path: the same parameters, in the same order.
            for (int i = 0; i < built.Parameters.Count; i++)
            {
                kept.Parameters[i].Value = built.Parameters[i].Value;
            }

            built.Dispose();
        }
        else
        {
            if (_queries.Count == MaxQueries)
            {
                DisposeQueries();
            }

            kept = built;
            _queries.Add(kept.CommandText, kept);
        }

        kept.Transaction = transaction;
        return kept;
    }

    /// <summary>Closes the statements and gives the connection back to the pool.</summary>
    public void Dispose()
    {
        DisposeQueries();
        _deleteEntry?.Dispose();
        _upsertRun?.Dispose();
        connection.Dispose();
    }

    private void DisposeQueries()
    {
        foreach (SqliteCommand query in _queries.Values)
        {
            query.Dispose();
        }

        _queries.Clear();
    }

    private SqliteCommand Prepare(string sql, params string[] parameters)
    {
        SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (string name in parameters)
        {
            command.Parameters.Add(name, SqliteType.Text);
        }

        return command;
    }
}
