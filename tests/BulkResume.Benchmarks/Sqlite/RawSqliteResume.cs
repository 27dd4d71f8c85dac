using BulkResume.Engine;
using Microsoft.Data.Sqlite;

namespace BulkResume.Benchmarks.Sqlite;

/// <summary>
/// The smallest hand-written SQL that does what <c>SqliteDlqStore</c> does for one bulk-resume page, on the same schema
/// and with the same pragmas: one <c>BEGIN IMMEDIATE</c> transaction that reads 51 rows by keyset on the URL index,
/// deletes the first 50 entries and their labels, and upserts one run row per entry. One open connection and prepared
/// commands; the run's JSON is the entry's JSON text as read (no object mapping), so the difference to the store is the
/// store's own work.
/// </summary>
internal sealed class RawSqliteResume : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _page;
    private readonly SqliteCommand _delete;
    private readonly SqliteCommand _run;

    public RawSqliteResume(string path)
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        using (SqliteCommand pragmas = _connection.CreateCommand())
        {
            pragmas.CommandText = "PRAGMA busy_timeout = 30000; PRAGMA synchronous = FULL;";
            pragmas.ExecuteNonQuery();
        }

        _page = Prepare(
            """
            SELECT created_at, dlq_id, entry FROM dlq_entries
            WHERE workflow_url = @url AND (created_at, dlq_id) > (@created, @id)
            ORDER BY created_at, dlq_id LIMIT 51;
            """,
            "@url",
            "@created",
            "@id");
        _delete = Prepare("DELETE FROM dlq_entries WHERE dlq_id = @id; DELETE FROM dlq_labels WHERE dlq_id = @id;", "@id");
        _run = Prepare(
            """
            INSERT INTO runs (workflow_run_id, state, origin, source_dlq_id, run) VALUES (@run, 'RunStarted', 'Resumed', @id, @json)
            ON CONFLICT (workflow_run_id) DO UPDATE SET state = excluded.state, origin = excluded.origin, source_dlq_id = excluded.source_dlq_id, run = excluded.run;
            """,
            "@run",
            "@id",
            "@json");
    }

    /// <summary>Resumes every entry of <paramref name="workflowUrl"/>, 50 per transaction.</summary>
    public int Drain(string workflowUrl)
    {
        int resumed = 0;
        long created = long.MinValue;
        string after = string.Empty;
        var page = new List<(string Id, string Json)>(51);
        while (true)
        {
            using SqliteTransaction transaction = _connection.BeginTransaction(deferred: false);
            _page.Transaction = transaction;
            _delete.Transaction = transaction;
            _run.Transaction = transaction;
            page.Clear();
            bool more = false;
            _page.Parameters["@url"].Value = workflowUrl;
            _page.Parameters["@created"].Value = created;
            _page.Parameters["@id"].Value = after;
            using (SqliteDataReader reader = _page.ExecuteReader())
            {
                while (reader.Read())
                {
                    if (page.Count == 50)
                    {
                        more = true;
                        break;
                    }

                    created = reader.GetInt64(0);
                    page.Add((reader.GetString(1), reader.GetString(2)));
                }
            }

            foreach ((string id, string json) in page)
            {
                _delete.Parameters["@id"].Value = id;
                _delete.ExecuteNonQuery();
                _run.Parameters["@run"].Value = DefaultDlqIdGenerator.Shared.NewWorkflowRunId();
                _run.Parameters["@id"].Value = id;
                _run.Parameters["@json"].Value = json;
                _run.ExecuteNonQuery();
            }

            transaction.Commit();
            resumed += page.Count;
            if (!more)
            {
                return resumed;
            }

            after = page[^1].Id;
        }
    }

    public void Dispose()
    {
        _page.Dispose();
        _delete.Dispose();
        _run.Dispose();
        _connection.Dispose();
    }

    private SqliteCommand Prepare(string sql, params string[] parameters)
    {
        SqliteCommand command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (string name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name, Value = string.Empty });
        }

        command.Prepare();
        return command;
    }
}
