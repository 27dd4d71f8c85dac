using System.Globalization;
using BulkResume.Engine.Sql;
using BulkResume.Engine.Storage;
using Microsoft.Data.Sqlite;

namespace BulkResume.Engine.Sqlite;

/// <summary>
/// An <see cref="IDlqStore"/> in one SQLite file that survives a crash of the process: WAL journal, every change one
/// transaction begun with <c>BEGIN IMMEDIATE</c> (so a claim reads and removes its entries under the file's write
/// lock), and <c>busy_timeout</c> so several connections or processes over one file wait for each other instead of
/// failing.
/// </summary>
/// <remarks>
/// Entries and runs are stored whole as JSON beside indexed columns that serve every filter and the keyset cursor. Open
/// one with <see cref="Open(string, SqliteDlqStoreOptions?)"/>:
/// <code>
/// await using SqliteDlqStore store = SqliteDlqStore.Open("dlq.db");
/// var engine = new DlqEngine(store);
/// </code>
/// Ids are compared by SQLite's BINARY collation (UTF-8 bytes), which orders like
/// <see cref="StringComparison.Ordinal"/> for every id without characters outside the Basic Multilingual Plane.
/// </remarks>
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
    /// Opens the DLQ database at <paramref name="path"/>, creating the file if it does not exist, and creates or
    /// migrates its schema to <see cref="SchemaVersion"/>.
    /// </summary>
    /// <param name="path">The database file; its directory must exist and be writable.</param>
    /// <param name="options">Settings; <see langword="null"/> for the defaults.</param>
    /// <returns>The open store; dispose it to release the file.</returns>
    /// <exception cref="DirectoryNotFoundException">The file's directory does not exist.</exception>
    /// <exception cref="IOException">The file cannot be created, opened or written, or is not a SQLite database.</exception>
    /// <exception cref="InvalidOperationException">The file's schema is newer than this version of the store knows.</exception>
    /// <remarks>Several stores, in one process or several, may open the same file.</remarks>
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
    public ValueTask<RunRecord?> GetRunAsync(string workflowRunId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflowRunId);
        return Read(connection => ReadRun(connection, null, workflowRunId), cancellationToken);
    }

    /// <inheritdoc/>
    public ValueTask<T> WriteAsync<T>(Func<IDlqTransaction, ValueTask<T>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return WriteCoreAsync((writer, transaction) => work(new Transaction(writer, transaction, cancellationToken)), cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask ResetAsync(CancellationToken cancellationToken = default) =>
        await WriteCoreAsync(
            (writer, transaction) =>
            {
                using SqliteCommand command = Command(writer.Connection, transaction, "DELETE FROM dlq_labels; DELETE FROM dlq_entries; DELETE FROM runs; DELETE FROM bulk_actions; DELETE FROM deliveries;");
                command.ExecuteNonQuery();
                return ValueTask.FromResult(true);
            },
            cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public async ValueTask SaveRunAsync(RunRecord run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        await WriteCoreAsync(
            (writer, transaction) =>
            {
                writer.StoreRun(transaction, run);
                return ValueTask.FromResult(true);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<RunRecord>> QueryRunsAsync(RunQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return ReadPage(
            command => SqlRunQueryBuilder.Build(command, query, SqliteDialect.Instance),
            query.Limit,
            static row => StoredJson.DeserializeRun(row.GetString(0)),
            cancellationToken);
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<DeliveryRecord>> GetDeliveriesAsync(string workflowRunId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflowRunId);
        return Read(connection => SqlDeliveries.GetOfRunAsync(connection, SqliteDialect.Instance, workflowRunId, cancellationToken).GetAwaiter().GetResult(), cancellationToken);
    }

    /// <inheritdoc/>
    public ValueTask<DateTimeOffset?> GetNextDeliveryTimeAsync(CancellationToken cancellationToken = default) =>
        Read(connection => SqlDeliveries.GetNextTimeAsync(connection, SqliteDialect.Instance, cancellationToken).GetAwaiter().GetResult(), cancellationToken);

    /// <inheritdoc/>
    public ValueTask<BulkActionRecord?> GetBulkActionAsync(string actionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actionId);
        return Read(connection => ReadActions(connection, null, command => SqlBulkActions.BuildGet(command, SqliteDialect.Instance, actionId)).SingleOrDefault(), cancellationToken);
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<BulkActionRecord>> QueryBulkActionsAsync(
        DateTimeOffset createdSince, string? beforeActionId, bool unfinishedOnly, int limit, CancellationToken cancellationToken = default) =>
        Read<IReadOnlyList<BulkActionRecord>>(
            connection => ReadActions(connection, null, command => SqlBulkActions.BuildQuery(command, SqliteDialect.Instance, createdSince, beforeActionId, unfinishedOnly, limit)),
            cancellationToken);

    /// <inheritdoc/>
    public ValueTask<DlqStoreStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default) =>
        Read(
            connection =>
            {
                using SqliteCommand command = Command(connection, null, SqlStatistics.Query(SqliteDialect.Instance));
                using SqliteDataReader reader = command.ExecuteReader();
                return SqlStatistics.ReadAsync(reader, cancellationToken).GetAwaiter().GetResult();
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

    /// <summary>Releases the store's connections; the file stays.</summary>
    /// <returns>A task that completes when the connections are closed.</returns>
    /// <remarks>A write in flight finishes first, waited for asynchronously.</remarks>
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

    private static DlqEntry? ReadEntry(SqliteConnection connection, SqliteTransaction? transaction, string dlqId)
    {
        using SqliteCommand command = Command(connection, transaction, "SELECT entry FROM dlq_entries WHERE dlq_id = @id;");
        command.Parameters.AddWithValue("@id", dlqId);
        return command.ExecuteScalar() is string json ? StoredJson.DeserializeEntry(json) : null;
    }

    private static RunRecord? ReadRun(SqliteConnection connection, SqliteTransaction? transaction, string workflowRunId)
    {
        using SqliteCommand select = Command(connection, transaction, "SELECT run FROM runs WHERE workflow_run_id = @id;");
        select.Parameters.AddWithValue("@id", workflowRunId);
        return select.ExecuteScalar() is string json ? StoredJson.DeserializeRun(json) : null;
    }

    private static List<BulkActionRecord> ReadActions(SqliteConnection connection, SqliteTransaction? transaction, Action<SqliteCommand> build)
    {
        using SqliteCommand command = Command(connection, transaction, string.Empty);
        build(command);
        using SqliteDataReader reader = command.ExecuteReader();
        var actions = new List<BulkActionRecord>();
        while (reader.Read())
        {
            actions.Add(SqlBulkActions.Read(reader));
        }

        return actions;
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

    /// <summary>
    /// Runs <paramref name="write"/> in one <c>BEGIN IMMEDIATE</c> transaction on the store's write connection and
    /// commits when it returns.
    /// </summary>
    /// <remarks>
    /// Writers of this store take turns in process; other processes wait on the file lock through <c>busy_timeout</c>.
    /// </remarks>
    private async ValueTask<T> WriteCoreAsync<T>(Func<SqliteWriter, SqliteTransaction, ValueTask<T>> write, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            _writer ??= new SqliteWriter(OpenConnection());
            using SqliteTransaction transaction = _writer.Connection.BeginTransaction(deferred: false);
            T result = await write(_writer, transaction).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            transaction.Commit();
            return result;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>
    /// The primitives of one write, on the write connection: under <c>BEGIN IMMEDIATE</c> no other connection writes the
    /// file, so what a read finds stays as found until the commit, and nothing is passed over.
    /// </summary>
    private sealed class Transaction(SqliteWriter writer, SqliteTransaction transaction, CancellationToken cancellationToken) : IDlqTransaction
    {
        public CancellationToken CancellationToken => cancellationToken;

        public ValueTask<IReadOnlyList<DlqEntry>> LockEntriesAsync(IReadOnlyList<string> dlqIds)
        {
            using SqliteCommand select = Command(writer.Connection, transaction, "SELECT entry FROM dlq_entries WHERE dlq_id IN (SELECT value FROM json_each(@ids));");
            select.Parameters.AddWithValue("@ids", SqlDialect.JsonArray(dlqIds));
            return ValueTask.FromResult<IReadOnlyList<DlqEntry>>(ReadRows(select, static row => StoredJson.DeserializeEntry(row.GetFieldValue<byte[]>(0))));
        }

        public ValueTask<IReadOnlyList<LockedEntry>> LockPageAsync(DlqQuery query) =>
            ValueTask.FromResult<IReadOnlyList<LockedEntry>>(ReadRows(
                writer.Query(transaction, query),
                static row => new LockedEntry(
                    new DlqKey(new DateTimeOffset(row.GetInt64(0), TimeSpan.Zero), row.GetString(1)),
                    StoredJson.DeserializeEntry(row.GetFieldValue<byte[]>(2)))));

        public ValueTask<IReadOnlyDictionary<string, RunRecord>> GetRunsAsync(IReadOnlyList<string> workflowRunIds)
        {
            using SqliteCommand select = Command(writer.Connection, transaction, "SELECT run FROM runs WHERE workflow_run_id IN (SELECT value FROM json_each(@ids));");
            select.Parameters.AddWithValue("@ids", SqlDialect.JsonArray(workflowRunIds));
            return ValueTask.FromResult<IReadOnlyDictionary<string, RunRecord>>(
                ReadRows(select, static row => StoredJson.DeserializeRun(row.GetString(0))).ToDictionary(run => run.WorkflowRunId, StringComparer.Ordinal));
        }

        public ValueTask AddEntriesAsync(IReadOnlyList<DlqEntry> entries)
        {
            foreach (DlqEntry entry in entries)
            {
                writer.InsertEntry(transaction, entry);
            }

            return ValueTask.CompletedTask;
        }

        public ValueTask RemoveEntriesAsync(IReadOnlyList<DlqEntry> entries)
        {
            foreach (DlqEntry entry in entries)
            {
                writer.DeleteEntry(transaction, entry.DlqId);
            }

            return ValueTask.CompletedTask;
        }

        public ValueTask ReplaceEntryAsync(DlqEntry entry)
        {
            writer.DeleteEntry(transaction, entry.DlqId);
            writer.InsertEntry(transaction, entry);
            return ValueTask.CompletedTask;
        }

        public ValueTask SaveRunsAsync(IReadOnlyList<RunRecord> runs)
        {
            foreach (RunRecord run in runs)
            {
                writer.StoreRun(transaction, run);
            }

            return ValueTask.CompletedTask;
        }

        public ValueTask<BulkActionRecord> AddBulkActionAsync(BulkActionRecord action)
        {
            ArgumentNullException.ThrowIfNull(action);
            using SqliteCommand insert = Command(writer.Connection, transaction, string.Empty);
            SqlBulkActions.BuildInsert(insert, SqliteDialect.Instance, action);
            return ValueTask.FromResult(insert.ExecuteNonQuery() == 1
                ? action
                : ReadActions(writer.Connection, transaction, command => SqlBulkActions.BuildGetRunning(command, SqliteDialect.Instance, action.Key)).Single());
        }

        public ValueTask AddBulkActionProgressAsync(string actionId, long processed, DateTimeOffset? completedAt)
        {
            using SqliteCommand update = Command(writer.Connection, transaction, string.Empty);
            SqlBulkActions.BuildProgress(update, SqliteDialect.Instance, actionId, processed, completedAt);
            update.ExecuteNonQuery();
            return ValueTask.CompletedTask;
        }

        private static List<T> ReadRows<T>(SqliteCommand command, Func<SqliteDataReader, T> read)
        {
            var rows = new List<T>();
            using SqliteDataReader reader = command.ExecuteReader();
            while (reader.Read())
            {
                rows.Add(read(reader));
            }

            return rows;
        }

        public ValueTask AddDeliveriesAsync(IReadOnlyList<DeliveryRecord> deliveries) =>
            new(SqlDeliveries.AddAsync(writer.Connection, transaction, SqliteDialect.Instance, deliveries, cancellationToken));

        public ValueTask<IReadOnlyList<DeliveryRecord>> ClaimDeliveriesAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int limit) =>
            new(SqlDeliveries.ClaimAsync(writer.Connection, transaction, SqliteDialect.Instance, now, leaseUntil, limit, cancellationToken));

        public ValueTask<bool> ReplaceDeliveryAsync(DeliveryRecord delivery) =>
            new(SqlDeliveries.ReplaceAsync(writer.Connection, transaction, SqliteDialect.Instance, delivery, cancellationToken));

        public ValueTask<int> RemoveDeliveriesAsync(IReadOnlyList<string> messageIds) =>
            new(SqlDeliveries.RemoveAsync(writer.Connection, transaction, SqliteDialect.Instance, messageIds, cancellationToken));

        public ValueTask<int> RemoveRunDeliveriesAsync(string workflowRunId) =>
            new(SqlDeliveries.RemoveRunAsync(writer.Connection, transaction, SqliteDialect.Instance, workflowRunId, cancellationToken));
    }
}
