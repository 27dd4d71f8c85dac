using BulkResume.Engine.Sql;
using BulkResume.Engine.Storage;
using Microsoft.Data.Sqlite;

namespace BulkResume.Engine.Sqlite;

/// <summary>
/// The one connection a <see cref="SqliteDlqStore"/> writes through, kept open from its first write to its disposal,
/// with the statements a take runs for every entry prepared once and reused by every transaction, as a hand-written
/// loop keeps them: a pooled connection opened per write (with its pragmas) and statements prepared per page are what
/// made the store slow.
/// </summary>
/// <remarks>
/// The keyset queries a take reads its page with are kept too, by their SQL text (one per shape of filter). Used only
/// under the store's write gate, one write at a time.
/// </remarks>
internal sealed class SqliteWriter(SqliteConnection connection) : IDisposable
{
    /// <summary>How many query shapes are kept; past it the cache starts over, so unusual filters cannot grow it.</summary>
    private const int MaxQueries = 32;

    private static readonly string InsertEntrySql =
        $"INSERT INTO dlq_entries ({string.Join(", ", SqlColumns.Entry)}) VALUES ({string.Join(", ", SqlColumns.Entry.Select((_, i) => "@e" + i))});";

    private static readonly string InsertLabelSql =
        $"INSERT OR IGNORE INTO dlq_labels ({string.Join(", ", SqlColumns.Label)}) VALUES ({string.Join(", ", SqlColumns.Label.Select((_, i) => "@l" + i))});";

    private static readonly string UpsertRunSql =
        $"INSERT INTO runs ({string.Join(", ", SqlColumns.Run)}) VALUES ({string.Join(", ", SqlColumns.Run.Select((_, i) => "@r" + i))}) ON CONFLICT (workflow_run_id) DO UPDATE SET {SqlColumns.RunUpdates};";

    private readonly Dictionary<string, SqliteCommand> _queries = new(StringComparer.Ordinal);
    private SqliteCommand? _deleteEntry;
    private SqliteCommand? _insertEntry;
    private SqliteCommand? _insertLabel;
    private SqliteCommand? _upsertRun;

    /// <summary>The open connection; every write transaction of the store begins on it.</summary>
    public SqliteConnection Connection => connection;

    /// <summary>Removes the entry with this id and its labels, in <paramref name="transaction"/>.</summary>
    public void DeleteEntry(SqliteTransaction transaction, string dlqId)
    {
        _deleteEntry ??= Prepare("DELETE FROM dlq_entries WHERE dlq_id = @id; DELETE FROM dlq_labels WHERE dlq_id = @id;", ["@id"]);
        Run(_deleteEntry, transaction, [dlqId]);
    }

    /// <summary>Inserts <paramref name="entry"/> and its labels, in <paramref name="transaction"/>.</summary>
    public void InsertEntry(SqliteTransaction transaction, DlqEntry entry)
    {
        _insertEntry ??= Prepare(InsertEntrySql, SqlColumns.Entry.Select((_, i) => "@e" + i).ToArray());
        _insertLabel ??= Prepare(InsertLabelSql, SqlColumns.Label.Select((_, i) => "@l" + i).ToArray());
        Run(_insertEntry, transaction, SqlColumns.EntryValues(entry));
        foreach (object?[] label in SqlColumns.LabelValues(entry))
        {
            Run(_insertLabel, transaction, label);
        }
    }

    /// <summary>Inserts or replaces <paramref name="run"/>, in <paramref name="transaction"/>.</summary>
    public void StoreRun(SqliteTransaction transaction, RunRecord run)
    {
        _upsertRun ??= Prepare(UpsertRunSql, SqlColumns.Run.Select((_, i) => "@r" + i).ToArray());
        Run(_upsertRun, transaction, SqlColumns.RunValues(run));
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
        _insertEntry?.Dispose();
        _insertLabel?.Dispose();
        _upsertRun?.Dispose();
        connection.Dispose();
    }

    private static void Run(SqliteCommand command, SqliteTransaction transaction, object?[] values)
    {
        command.Transaction = transaction;
        for (int i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        command.ExecuteNonQuery();
    }

    private void DisposeQueries()
    {
        foreach (SqliteCommand query in _queries.Values)
        {
            query.Dispose();
        }

        _queries.Clear();
    }

    private SqliteCommand Prepare(string sql, string[] parameters)
    {
        SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (string name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }
}
