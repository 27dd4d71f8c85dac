using System.Globalization;
using BulkResume.Engine.Model;
using BulkResume.Engine.Selection;
using BulkResume.Engine.Storage;
using BulkResume.Engine.Storage.Sql;
using Microsoft.Data.Sqlite;

namespace BulkResume.Engine.Sqlite;

/// <summary>
/// An <see cref="IDlqStore"/> in one SQLite file that survives a crash of the process: WAL journal, every change one
/// transaction begun with <c>BEGIN IMMEDIATE</c> (so a claim reads and removes its entries under the file's write
/// lock), and <c>busy_timeout</c> so several connections or processes over one file wait for each other instead of
/// failing. Entries and runs are stored whole as JSON beside indexed columns that serve every filter and the keyset
/// cursor. Open one with <see cref="Open(string, SqliteDlqStoreOptions?)"/>:
/// <code>
/// await using SqliteDlqStore store = SqliteDlqStore.Open("dlq.db");
/// var engine = new DlqEngine(store);
/// </code>
/// Ids are compared by SQLite's BINARY collation (UTF-8 bytes), which orders like <see cref="StringComparison.Ordinal"/>
/// for every id without characters outside the Basic Multilingual Plane.
/// </summary>
public sealed class SqliteDlqStore : IDlqStore, IResettableDlqStore, IDisposable, IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly string _pragmas;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private SqliteWriter? _writer;
    private int _disposed;

    private SqliteDlqStore(string path, SqliteDlqStoreOptions options)
    {
        Path = path;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        }.ToString();
        _pragmas = string.Create(
            CultureInfo.InvariantCulture,
            $"PRAGMA busy_timeout = {(long)options.BusyTimeout.TotalMilliseconds}; PRAGMA synchronous = FULL;");
    }

    /// <summary>The newest schema version this version of the store writes and reads.</summary>
    public static int SchemaVersion => SqliteSchema.CurrentVersion;

    /// <summary>The full path of the database file.</summary>
    public string Path { get; }

    /// <summary>
    /// Opens the DLQ database at <paramref name="path"/>, creating the file if it does not exist, and creates or migrates
    /// its schema to <see cref="SchemaVersion"/>. Several stores, in one process or several, may open the same file.
    /// </summary>
    /// <param name="path">The database file; its directory must exist and be writable.</param>
    /// <param name="options">Settings; <see langword="null"/> for the defaults.</param>
    /// <returns>The open store; dispose it to release the file.</returns>
    /// <exception cref="DirectoryNotFoundException">The file's directory does not exist.</exception>
    /// <exception cref="IOException">The file cannot be created, opened or written, or is not a SQLite database.</exception>
    /// <exception cref="InvalidOperationException">The file's schema is newer than this version of the store knows.</exception>
    public static SqliteDlqStore Open(string path, SqliteDlqStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        options ??= new SqliteDlqStoreOptions();
        if (options.BusyTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.BusyTimeout, "options.BusyTimeout must be positive.");
        }

        string fullPath = System.IO.Path.GetFullPath(path);
        string? directory = System.IO.Path.GetDirectoryName(fullPath);
        if (directory is not null && !Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException(
                $"Cannot open the DLQ database '{fullPath}': the directory '{directory}' does not exist. Create it, or choose a path in an existing directory.");
        }

        if (Directory.Exists(fullPath))
        {
            throw new IOException($"Cannot open the DLQ database '{fullPath}': that path is a directory. Give the path of a file.");
        }

        var store = new SqliteDlqStore(fullPath, options);
        try
        {
            using SqliteConnection connection = store.OpenConnection();
            using (SqliteCommand wal = connection.CreateCommand())
            {
                wal.CommandText = "PRAGMA journal_mode = WAL;";
                string? mode = wal.ExecuteScalar() as string;
                if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                {
                    throw new IOException($"Cannot open the DLQ database '{fullPath}' in WAL mode (SQLite answered '{mode}'); put the file on a local file system.");
                }
            }

            SqliteSchema.Migrate(connection, fullPath);
            return store;
        }
        catch (SqliteException exception)
        {
            store.Dispose();
            throw new IOException(
                $"Cannot open the DLQ database '{fullPath}' for reading and writing: {Reason(exception)} Check that the path names a SQLite file (or none yet) in a directory this process may write to.",
                exception);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public async ValueTask AddAsync(IReadOnlyList<DlqEntry> entries, CancellationToken cancellationToken = default)
    {
        AddedEntries.CheckDistinct(entries);

        await WriteAsync(
            (connection, transaction) =>
            {
                using SqliteCommand exists = Command(connection, transaction, "SELECT dlq_id FROM dlq_entries WHERE dlq_id IN (SELECT value FROM json_each(@ids)) LIMIT 1;");
                exists.Parameters.AddWithValue("@ids", StoredJson.Serialize(entries.Select(entry => entry.DlqId).ToArray()));
                if (exists.ExecuteScalar() is string taken)
                {
                    throw AddedEntries.Duplicate(taken);
                }

                InsertEntries(connection, transaction, entries);
                using SqliteCommand select = RunSelect(connection, transaction);
                foreach (DlqEntry entry in entries)
                {
                    Writer.StoreRun(transaction, DeadLetteredRun.Of(entry, ReadRun(select, entry.WorkflowRunId)));
                }

                return true;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public ValueTask<DlqEntry?> GetAsync(string dlqId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dlqId);
        return Read(connection => ReadEntry(connection, null, dlqId), cancellationToken);
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<DlqEntry>> QueryAsync(DlqQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return ReadPage(
            command => SqlDlqQueryBuilder.Build(command, query, SqliteDialect.Instance),
            query.Limit,
            static row => StoredJson.DeserializeEntry(row.GetFieldValue<byte[]>(2)),
            cancellationToken);
    }

    /// <inheritdoc/>
    public ValueTask<DlqTakeResult> TakeAsync(DlqTake take, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(take);
        return WriteAsync(
            (connection, transaction) =>
            {
                var found = new Dictionary<string, DlqEntry>(StringComparer.Ordinal);
                using (SqliteCommand select = Command(connection, transaction, "SELECT dlq_id, entry FROM dlq_entries WHERE dlq_id IN (SELECT value FROM json_each(@ids));"))
                {
                    select.Parameters.AddWithValue("@ids", StoredJson.Serialize(take.DlqIds));
                    using SqliteDataReader reader = select.ExecuteReader();
                    while (reader.Read())
                    {
                        found[reader.GetString(0)] = StoredJson.DeserializeEntry(reader.GetString(1));
                    }
                }

                (IReadOnlyList<DlqEntry> present, IReadOnlyList<string> missing) = FoundEntries.Split(take, found);

                if (take.AllOrNothing && missing.Count > 0)
                {
                    return (new DlqTakeResult([], missing), false);
                }

                return (new DlqTakeResult(Take(transaction, present, take.MakeRun), missing), true);
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    public ValueTask<DlqTakenPage> TakePageAsync(DlqQuery query, Func<DlqEntry, WorkflowRun?> makeRun, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(makeRun);
        return WriteAsync(
            (connection, transaction) =>
            {
                // Found under the write lock that BEGIN IMMEDIATE took, so each entry is taken as it is now; only the
                // page is parsed, not the look-ahead row.
                DlqQuery lookAhead = TakenPages.LookAhead(query);
                (IReadOnlyList<(DlqKey Key, byte[] Json)> page, DlqKey? next) = TakenPages.Split(
                    ReadEntries(Writer.Query(transaction, lookAhead), lookAhead.Limit), query, static row => row.Key);
                DlqEntry[] entries = page.Select(row => StoredJson.DeserializeEntry(row.Json)).ToArray();
                return (new DlqTakenPage(Take(transaction, entries, makeRun), next), true);
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    public ValueTask<DlqEntry?> UpdateAsync(string dlqId, Func<DlqEntry, DlqEntry> update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dlqId);
        ArgumentNullException.ThrowIfNull(update);
        return WriteAsync(
            (connection, transaction) =>
            {
                if (ReadEntry(connection, transaction, dlqId) is not { } current)
                {
                    return ((DlqEntry?)null, false);
                }

                DlqEntry updated = UpdatedEntry.Check(current, update(current));
                Writer.DeleteEntry(transaction, dlqId);
                InsertEntries(connection, transaction, [updated]);

                // While its entry is in the DLQ, the failed run is what the entry says (its failure callback's state, too).
                Writer.StoreRun(transaction, DeadLetteredRun.Of(updated, ReadRun(connection, transaction, updated.WorkflowRunId)));
                return ((DlqEntry?)updated, true);
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    public ValueTask<WorkflowRun?> GetRunAsync(string workflowRunId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflowRunId);
        return Read(connection => ReadRun(connection, null, workflowRunId), cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask ResetAsync(CancellationToken cancellationToken = default) =>
        await WriteAsync(
            (connection, transaction) =>
            {
                using SqliteCommand command = Command(connection, transaction, "DELETE FROM dlq_labels; DELETE FROM dlq_entries; DELETE FROM runs;");
                command.ExecuteNonQuery();
                return true;
            },
            cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public async ValueTask SaveRunAsync(WorkflowRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        await WriteAsync(
            (connection, transaction) =>
            {
                Writer.StoreRun(transaction, run);
                return true;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<WorkflowRun>> QueryRunsAsync(RunQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return ReadPage(
            command => SqlRunQueryBuilder.Build(command, query, SqliteDialect.Instance),
            query.Limit,
            static row => StoredJson.DeserializeRun(row.GetString(0)),
            cancellationToken);
    }

    /// <inheritdoc/>
    public ValueTask<DlqStoreStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default) =>
        Read(
            connection =>
            {
                // One read transaction, so the three counts describe the same moment.
                using SqliteTransaction transaction = connection.BeginTransaction(deferred: true);
                using SqliteCommand count = Command(connection, transaction, "SELECT COUNT(*) FROM dlq_entries;");
                long entries = Convert.ToInt64(count.ExecuteScalar(), CultureInfo.InvariantCulture);
                var byState = new Dictionary<RunState, long>();
                var byOrigin = new Dictionary<WorkflowRunOrigin, long>();
                using SqliteCommand runs = Command(connection, transaction, "SELECT state, origin, COUNT(*) FROM runs GROUP BY state, origin;");
                using SqliteDataReader reader = runs.ExecuteReader();
                while (reader.Read())
                {
                    RunState state = Enum.Parse<RunState>(reader.GetString(0));
                    WorkflowRunOrigin origin = Enum.Parse<WorkflowRunOrigin>(reader.GetString(1));
                    long n = reader.GetInt64(2);
                    byState[state] = byState.GetValueOrDefault(state) + n;
                    byOrigin[origin] = byOrigin.GetValueOrDefault(origin) + n;
                }

                return new DlqStoreStatistics(entries, byState, byOrigin);
            },
            cancellationToken);

    /// <summary>Releases the store's connections; the file stays.</summary>
    /// <remarks>A write in flight finishes first. Do not dispose the store from inside one of its own writes' delegates.</remarks>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            // Waiting for the write gate lets a write in flight finish on the connection before it is closed.
            _writeGate.Wait();
            CloseConnections();
        }
    }

    /// <summary>Releases the store's connections; the file stays. A write in flight finishes first, waited for asynchronously.</summary>
    /// <returns>A task that completes when the connections are closed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await _writeGate.WaitAsync().ConfigureAwait(false);
            CloseConnections();
        }
    }

    /// <summary>Closes the write connection (the caller holds the write gate, and gives it back) and the pooled ones.</summary>
    private void CloseConnections()
    {
        // The write gate is not disposed: a write that passed its disposal check releases it in its finally block, and
        // a SemaphoreSlim whose wait handle was never asked for holds nothing to free.
        try
        {
            _writer?.Dispose();
            _writer = null;
        }
        finally
        {
            _writeGate.Release();
        }

        // Pooled connections would keep the file (and its -wal/-shm) open after the store is gone.
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    internal SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            using SqliteCommand pragmas = connection.CreateCommand();
            pragmas.CommandText = _pragmas;
            pragmas.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static void InsertEntries(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<DlqEntry> entries)
    {
        using SqliteCommand insert = Command(
            connection,
            transaction,
            """
            INSERT INTO dlq_entries (dlq_id, created_at, workflow_url, workflow_run_id, workflow_created_ms, flow_control_key, caller_ip, callback_state, entry)
            VALUES (@id, @created, @url, @run, @wca, @key, @ip, @callback, @entry);
            """);
        using SqliteCommand label = Command(connection, transaction, "INSERT OR IGNORE INTO dlq_labels (label, created_at, dlq_id) VALUES (@label, @created, @id);");
        foreach (DlqEntry entry in entries)
        {
            InsertEntry(insert, label, entry);
        }
    }

    private static void InsertEntry(SqliteCommand insert, SqliteCommand label, DlqEntry entry)
    {
        insert.Parameters.Clear();
        insert.Parameters.AddWithValue("@id", entry.DlqId);
        insert.Parameters.AddWithValue("@created", entry.CreatedAt.UtcTicks);
        insert.Parameters.AddWithValue("@url", entry.WorkflowUrl);
        insert.Parameters.AddWithValue("@run", entry.WorkflowRunId);
        insert.Parameters.AddWithValue("@wca", entry.WorkflowCreatedAt.ToUnixTimeMilliseconds());
        insert.Parameters.AddWithValue("@key", (object?)entry.FlowControlKey ?? DBNull.Value);
        insert.Parameters.AddWithValue("@ip", (object?)entry.CallerIp ?? DBNull.Value);
        insert.Parameters.AddWithValue("@callback", (object?)entry.FailureCallbackInfo?.State.ToString() ?? DBNull.Value);
        insert.Parameters.AddWithValue("@entry", StoredJson.Serialize(entry));
        insert.ExecuteNonQuery();
        foreach (string value in entry.Labels)
        {
            label.Parameters.Clear();
            label.Parameters.AddWithValue("@label", value);
            label.Parameters.AddWithValue("@created", entry.CreatedAt.UtcTicks);
            label.Parameters.AddWithValue("@id", entry.DlqId);
            label.ExecuteNonQuery();
        }
    }

    /// <summary>
    /// The rows of a take's keyset query: each entry's key and its stored JSON as the UTF-8 bytes SQLite holds, which the
    /// entry reader parses without the round trip through a UTF-16 string.
    /// </summary>
    private static List<(DlqKey Key, byte[] Json)> ReadEntries(SqliteCommand command, int limit)
    {
        var rows = new List<(DlqKey, byte[])>(Math.Min(limit, 1024));
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add((new DlqKey(new DateTimeOffset(reader.GetInt64(0), TimeSpan.Zero), reader.GetString(1)), reader.GetFieldValue<byte[]>(2)));
        }

        return rows;
    }

    /// <summary>
    /// Removes <paramref name="entries"/> and stores the runs <paramref name="makeRun"/> makes of them. Every run is made
    /// before anything changes, so a throwing <paramref name="makeRun"/> rolls back an untouched transaction.
    /// </summary>
    private TakenEntry[] Take(SqliteTransaction transaction, IReadOnlyList<DlqEntry> entries, Func<DlqEntry, WorkflowRun?> makeRun)
    {
        TakenEntry[] taken = entries.Select(entry => new TakenEntry(entry, makeRun(entry))).ToArray();
        foreach (TakenEntry item in taken)
        {
            Writer.DeleteEntry(transaction, item.Entry.DlqId);
            if (item.Run is not null)
            {
                Writer.StoreRun(transaction, item.Run);
            }
        }

        return taken;
    }

    private static DlqEntry? ReadEntry(SqliteConnection connection, SqliteTransaction? transaction, string dlqId)
    {
        using SqliteCommand command = Command(connection, transaction, "SELECT entry FROM dlq_entries WHERE dlq_id = @id;");
        command.Parameters.AddWithValue("@id", dlqId);
        return command.ExecuteScalar() is string json ? StoredJson.DeserializeEntry(json) : null;
    }

    private static WorkflowRun? ReadRun(SqliteConnection connection, SqliteTransaction? transaction, string workflowRunId)
    {
        using SqliteCommand select = RunSelect(connection, transaction);
        return ReadRun(select, workflowRunId);
    }

    /// <summary>The statement that reads one run by id; compiled once and reused for every run a transaction reads.</summary>
    private static SqliteCommand RunSelect(SqliteConnection connection, SqliteTransaction? transaction)
    {
        SqliteCommand select = Command(connection, transaction, "SELECT run FROM runs WHERE workflow_run_id = @id;");
        select.Parameters.Add("@id", SqliteType.Text);
        return select;
    }

    private static WorkflowRun? ReadRun(SqliteCommand select, string workflowRunId)
    {
        select.Parameters["@id"].Value = workflowRunId;
        return select.ExecuteScalar() is string json ? StoredJson.DeserializeRun(json) : null;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static string Reason(SqliteException exception) => exception.SqliteErrorCode switch
    {
        14 => "the file cannot be created or opened (SQLITE_CANTOPEN).",
        8 => "the file is read-only (SQLITE_READONLY).",
        26 => "the file is not a SQLite database (SQLITE_NOTADB).",
        11 => "the file is corrupt (SQLITE_CORRUPT).",
        _ => exception.Message.TrimEnd('.') + ".",
    };

    private ValueTask<T> Read<T>(Func<SqliteConnection, T> read, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        cancellationToken.ThrowIfCancellationRequested();
        using SqliteConnection connection = OpenConnection();
        return ValueTask.FromResult(read(connection));
    }

    /// <summary>One keyset page on a pooled connection: the command <paramref name="build"/> makes, each row read back by <paramref name="read"/>.</summary>
    private ValueTask<IReadOnlyList<T>> ReadPage<T>(Action<SqliteCommand> build, int limit, Func<SqliteDataReader, T> read, CancellationToken cancellationToken) =>
        Read<IReadOnlyList<T>>(
            connection =>
            {
                using SqliteCommand command = connection.CreateCommand();
                build(command);
                var page = new List<T>(Math.Min(limit, 1024));
                using SqliteDataReader reader = command.ExecuteReader();
                while (reader.Read())
                {
                    page.Add(read(reader));
                }

                return page;
            },
            cancellationToken);

    /// <summary>The write connection and its statements; only inside a write, which holds the write gate.</summary>
    private SqliteWriter Writer => _writer ?? throw new InvalidOperationException("The SQLite store's writer is used outside a write.");

    /// <summary>
    /// Runs <paramref name="write"/> in one <c>BEGIN IMMEDIATE</c> transaction on the store's write connection and commits
    /// when it says so. Writers of this store take turns in process; other processes wait on the file lock through
    /// <c>busy_timeout</c>.
    /// </summary>
    private async ValueTask<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, (T Result, bool Commit)> write, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            _writer ??= new SqliteWriter(OpenConnection());
            using SqliteTransaction transaction = _writer.Connection.BeginTransaction(deferred: false);
            (T result, bool commit) = write(_writer.Connection, transaction);
            cancellationToken.ThrowIfCancellationRequested();
            if (commit)
            {
                transaction.Commit();
            }

            return result;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private async ValueTask<bool> WriteAsync(Func<SqliteConnection, SqliteTransaction, bool> write, CancellationToken cancellationToken) =>
        await WriteAsync((connection, transaction) => (write(connection, transaction), true), cancellationToken).ConfigureAwait(false);
}
