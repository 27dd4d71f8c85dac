using System.Globalization;
using System.Runtime.CompilerServices;
using BulkResume.Engine.Sql;
using BulkResume.Engine.Storage;
using Npgsql;
using NpgsqlTypes;

namespace BulkResume.Engine.PostgreSql;

/// <summary>
/// An <see cref="IDlqStore"/> in a PostgreSQL database, shared by any number of engine instances (processes, machines):
/// each claim locks its entries with <c>SELECT ... FOR UPDATE</c> and removes them in the same transaction, so each
/// entry is resumed exactly once however many instances race for it.
/// </summary>
/// <remarks>
/// A take of available entries skips rows another instance holds (<c>SKIP LOCKED</c>) and reports them missing; an
/// all-or-nothing take waits for them and changes nothing when one is gone. Entries and runs are stored whole as
/// <c>jsonb</c> beside indexed columns that serve every filter and the keyset cursor. The schema is created or migrated
/// on first use.
/// <code>
/// await using PostgreSqlDlqStore store = PostgreSqlDlqStore.Create("Host=db;Username=dlq;Password=...;Database=dlq");
/// var engine = new DlqEngine(store);
/// </code>
/// Ids are compared with the <c>"C"</c> collation (UTF-8 bytes), which orders like
/// <see cref="StringComparison.Ordinal"/> for every id without characters outside the Basic Multilingual Plane.
/// </remarks>
public sealed class PostgreSqlDlqStore : IDlqStore, IResettableDlqStore, IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;
    private readonly string _schema;
    private readonly string _s;
    private readonly PostgreSqlDialect _dialect;
    private readonly SemaphoreSlim _initGate = new(1, 1);
    private volatile bool _initialized;

    private PostgreSqlDlqStore(NpgsqlDataSource dataSource, bool ownsDataSource, PostgreSqlDlqStoreOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Schema, "options.Schema");
        _dataSource = dataSource;
        _ownsDataSource = ownsDataSource;
        _schema = options.Schema;
        _s = "\"" + options.Schema.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        _dialect = new PostgreSqlDialect(_s);
    }

    /// <summary>The newest schema version this version of the store writes and reads.</summary>
    public static int SchemaVersion => PostgreSqlSchema.CurrentVersion;

    /// <summary>The PostgreSQL schema that holds the store's tables.</summary>
    public string Schema => _schema;

    /// <summary>
    /// A store over the database of <paramref name="connectionString"/>, in the default schema, with a data source
    /// (connection pool) of its own that the store disposes.
    /// </summary>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <returns>The store.</returns>
    /// <remarks>Nothing is sent to the server until first use (or <see cref="InitializeAsync"/>).</remarks>
    public static PostgreSqlDlqStore Create(string connectionString) => Create(connectionString, options: null);

    /// <summary>
    /// A store over the database of <paramref name="connectionString"/>, with a data source (connection pool) of its
    /// own that the store disposes.
    /// </summary>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="options">Settings; <see langword="null"/> for the defaults.</param>
    /// <returns>The store.</returns>
    /// <remarks>Nothing is sent to the server until first use (or <see cref="InitializeAsync"/>).</remarks>
    public static PostgreSqlDlqStore Create(string connectionString, PostgreSqlDlqStoreOptions? options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return new PostgreSqlDlqStore(NpgsqlDataSource.Create(connectionString), ownsDataSource: true, options ?? new PostgreSqlDlqStoreOptions());
    }

    /// <summary>A store over <paramref name="dataSource"/>, in the default schema; the data source stays the caller's to dispose.</summary>
    /// <param name="dataSource">The data source, for example one registered in dependency injection.</param>
    /// <returns>The store.</returns>
    public static PostgreSqlDlqStore Create(NpgsqlDataSource dataSource) => Create(dataSource, options: null);

    /// <summary>A store over <paramref name="dataSource"/>, which stays the caller's to dispose.</summary>
    /// <param name="dataSource">The data source, for example one registered in dependency injection.</param>
    /// <param name="options">Settings; <see langword="null"/> for the defaults.</param>
    /// <returns>The store.</returns>
    public static PostgreSqlDlqStore Create(NpgsqlDataSource dataSource, PostgreSqlDlqStoreOptions? options)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        return new PostgreSqlDlqStore(dataSource, ownsDataSource: false, options ?? new PostgreSqlDlqStoreOptions());
    }

    /// <summary>
    /// Connects, and creates or migrates the schema to <see cref="SchemaVersion"/> now rather than on first use, so that a
    /// server that cannot be reached or a schema from a newer version fails at start-up.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the schema is ready.</returns>
    /// <exception cref="InvalidOperationException">The server cannot be reached or refused the login, or the schema is newer than this version knows.</exception>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        NpgsqlConnection connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable connectionDisposal = connection.ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask<DlqEntry?> GetAsync(string dlqId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dlqId);
        return await ReadOneAsync($"SELECT entry::text FROM {_s}.dlq_entries WHERE dlq_id = @id;", dlqId, StoredJson.DeserializeEntry, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<DlqEntry>> QueryAsync(DlqQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return await ReadPageAsync(command => SqlDlqQueryBuilder.Build(command, query, _dialect), query.Limit, 2, StoredJson.DeserializeEntry, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask ResetAsync(CancellationToken cancellationToken = default) =>
        await InTransactionAsync(
            async (connection, transaction) =>
            {
                NpgsqlCommand truncate = Command(connection, transaction, $"TRUNCATE {_s}.dlq_labels, {_s}.dlq_entries, {_s}.runs, {_s}.bulk_actions, {_s}.deliveries;");
                await using (truncate.ConfigureAwait(false))
                {
                    await truncate.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                return (true, true);
            },
            cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public async ValueTask<RunRecord?> GetRunAsync(string workflowRunId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflowRunId);
        return await ReadOneAsync($"SELECT run::text FROM {_s}.runs WHERE workflow_run_id = @id;", workflowRunId, StoredJson.DeserializeRun, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask SaveRunAsync(RunRecord run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        NpgsqlConnection connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable connectionDisposal = connection.ConfigureAwait(false);
        await StoreRunsAsync(connection, null, [run], cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<RunRecord>> QueryRunsAsync(RunQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return await ReadPageAsync(command => SqlRunQueryBuilder.Build(command, query, _dialect), query.Limit, 0, StoredJson.DeserializeRun, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<DeliveryRecord>> GetDeliveriesAsync(string workflowRunId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflowRunId);
        NpgsqlConnection connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable connectionDisposal = connection.ConfigureAwait(false);
        return await SqlDeliveries.GetOfRunAsync(connection, _dialect, workflowRunId, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask<DateTimeOffset?> GetNextDeliveryTimeAsync(CancellationToken cancellationToken = default)
    {
        NpgsqlConnection connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable connectionDisposal = connection.ConfigureAwait(false);
        return await SqlDeliveries.GetNextTimeAsync(connection, _dialect, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask<BulkActionRecord?> GetBulkActionAsync(string actionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actionId);
        NpgsqlConnection connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable connectionDisposal = connection.ConfigureAwait(false);
        return (await ReadActionsAsync(connection, null, command => SqlBulkActions.BuildGet(command, _dialect, actionId), cancellationToken).ConfigureAwait(false)).SingleOrDefault();
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<BulkActionRecord>> QueryBulkActionsAsync(
        DateTimeOffset createdSince, string? beforeActionId, bool unfinishedOnly, int limit, CancellationToken cancellationToken = default)
    {
        NpgsqlConnection connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable connectionDisposal = connection.ConfigureAwait(false);
        return await ReadActionsAsync(
            connection, null, command => SqlBulkActions.BuildQuery(command, _dialect, createdSince, beforeActionId, unfinishedOnly, limit), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask<DlqStoreStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default)
    {
        NpgsqlConnection connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable connectionDisposal = connection.ConfigureAwait(false);
        NpgsqlCommand command = Command(connection, null, SqlStatistics.Query(_dialect));
        await using ConfiguredAsyncDisposable commandDisposal = command.ConfigureAwait(false);
        NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable readerDisposal = reader.ConfigureAwait(false);
        return await SqlStatistics.ReadAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public ValueTask<T> WriteAsync<T>(Func<IDlqTransaction, ValueTask<T>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return new ValueTask<T>(InTransactionAsync(
            async (connection, transaction) => (await work(new Transaction(this, connection, transaction, cancellationToken)).ConfigureAwait(false), true),
            cancellationToken));
    }

    /// <summary>Disposes the data source when the store created it.</summary>
    /// <returns>A task that completes when it is disposed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_ownsDataSource)
        {
            await _dataSource.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Disposes the data source when the store created it.</summary>
    public void Dispose()
    {
        if (_ownsDataSource)
        {
            _dataSource.Dispose();
        }
    }

    /// <summary>An open connection to a database whose schema is ready; a clear error when the server cannot be used.</summary>
    internal async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        NpgsqlConnection connection;
        try
        {
            connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            throw Unreachable(exception);
        }

        try
        {
            if (!_initialized)
            {
                await _initGate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    if (!_initialized)
                    {
                        await PostgreSqlSchema.MigrateAsync(connection, _schema, _s, cancellationToken).ConfigureAwait(false);
                        _initialized = true;
                    }
                }
                finally
                {
                    _initGate.Release();
                }
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private InvalidOperationException Unreachable(Exception exception)
    {
        // The connection string may hold a password: name only where the store tried to go and as whom.
        var settings = new NpgsqlConnectionStringBuilder(_dataSource.ConnectionString);
        string reason = exception is PostgresException postgres
            ? $"the server refused: {postgres.SqlState} {postgres.MessageText}"
            : exception.InnerException?.Message ?? exception.Message;
        return new InvalidOperationException(
            $"Cannot connect to the PostgreSQL DLQ database '{settings.Database}' at {settings.Host}:{settings.Port.ToString(CultureInfo.InvariantCulture)} as user '{settings.Username}': {reason}. Check that the server is running, reachable from here, and accepts this login.",
            exception);
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one READ COMMITTED transaction and commits when it says so; a deadlock or
    /// serialization failure the server reports is retried (the work is pure until it commits).
    /// </summary>
    private async Task<T> InTransactionAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<(T Result, bool Commit)>> work, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            NpgsqlConnection connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using ConfiguredAsyncDisposable connectionDisposal = connection.ConfigureAwait(false);
            NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using ConfiguredAsyncDisposable transactionDisposal = transaction.ConfigureAwait(false);
            try
            {
                (T result, bool commit) = await work(connection, transaction).ConfigureAwait(false);
                if (commit)
                {
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                }

                return result;
            }
            catch (PostgresException exception) when (attempt < 5 && exception.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure)
            {
                // Rolled back by the server; try again on a fresh transaction.
            }
        }
    }

    /// <summary>The row <paramref name="sql"/> selects by <c>@id</c>, its stored JSON read back; <see langword="null"/> when there is none.</summary>
    private async Task<T?> ReadOneAsync<T>(string sql, string id, Func<string, T> deserialize, CancellationToken cancellationToken)
        where T : class
    {
        NpgsqlConnection connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable connectionDisposal = connection.ConfigureAwait(false);
        NpgsqlCommand command = Command(connection, null, sql);
        await using ConfiguredAsyncDisposable commandDisposal = command.ConfigureAwait(false);
        command.Parameters.AddWithValue("id", id);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string json ? deserialize(json) : null;
    }

    /// <summary>One keyset page: the command <paramref name="build"/> makes, each row's stored JSON in <paramref name="column"/> read back.</summary>
    private async Task<IReadOnlyList<T>> ReadPageAsync<T>(Action<NpgsqlCommand> build, int limit, int column, Func<string, T> deserialize, CancellationToken cancellationToken)
    {
        NpgsqlConnection connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable connectionDisposal = connection.ConfigureAwait(false);
        var command = new NpgsqlCommand { Connection = connection };
        await using ConfiguredAsyncDisposable commandDisposal = command.ConfigureAwait(false);
        build(command);
        var page = new List<T>(Math.Min(limit, 1024));
        NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable readerDisposal = reader.ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            page.Add(deserialize(reader.GetString(column)));
        }

        return page;
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql) => new(sql, connection, transaction);

    /// <summary>The actions a command built by <see cref="SqlBulkActions"/> reads.</summary>
    private static async Task<List<BulkActionRecord>> ReadActionsAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, Action<NpgsqlCommand> build, CancellationToken cancellationToken)
    {
        NpgsqlCommand command = Command(connection, transaction, string.Empty);
        await using ConfiguredAsyncDisposable commandDisposal = command.ConfigureAwait(false);
        build(command);
        var actions = new List<BulkActionRecord>();
        NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable readerDisposal = reader.ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            actions.Add(SqlBulkActions.Read(reader));
        }

        return actions;
    }

    /// <summary>Adds one array parameter a column of <paramref name="rows"/> (the values of <see cref="SqlColumns"/>), for <c>unnest</c>.</summary>
    private static void AddColumnArrays(NpgsqlCommand command, string prefix, IReadOnlyList<object?[]> rows, IReadOnlyList<string> columns)
    {
        for (int column = 0; column < columns.Count; column++)
        {
            if (SqlColumns.IsInt64(columns[column]))
            {
                command.Parameters.AddWithValue(prefix + column, rows.Select(row => (long)row[column]!).ToArray());
            }
            else
            {
                command.Parameters.AddWithValue(prefix + column, NpgsqlDbType.Array | NpgsqlDbType.Text, rows.Select(row => (string?)row[column]).ToArray());
            }
        }
    }

    private async Task StoreRunsAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, IEnumerable<RunRecord> runs, CancellationToken cancellationToken)
    {
        // In id order, so that writers of overlapping runs take their row locks in one order and can't deadlock.
        object?[][] rows = runs.OrderBy(run => run.WorkflowRunId, StringComparer.Ordinal).Select(SqlColumns.RunValues).ToArray();
        if (rows.Length == 0)
        {
            return;
        }

        int json = SqlColumns.Run.Count - 1;
        NpgsqlCommand upsert = Command(
            connection,
            transaction,
            $"""
            INSERT INTO {_s}.runs ({string.Join(", ", SqlColumns.Run)})
            SELECT {string.Join(", ", SqlColumns.Run.Select((_, i) => i == json ? $"c{i}::jsonb" : $"c{i}"))}
            FROM unnest({string.Join(", ", SqlColumns.Run.Select((_, i) => "@r" + i))}) AS t({string.Join(", ", SqlColumns.Run.Select((_, i) => "c" + i))})
            ON CONFLICT (workflow_run_id) DO UPDATE SET {SqlColumns.RunUpdates};
            """);
        await using ConfiguredAsyncDisposable upsertDisposal = upsert.ConfigureAwait(false);
        AddColumnArrays(upsert, "r", rows, SqlColumns.Run);
        await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The primitives of one write, in a READ COMMITTED transaction: entries, and the runs it reads, are locked with
    /// <c>SELECT ... FOR UPDATE</c> in id order (so transactions that wait for each other's rows can't deadlock), and a
    /// page passes over the rows another transaction holds (<c>SKIP LOCKED</c>), re-reading the others as they are now.
    /// </summary>
    private sealed class Transaction(PostgreSqlDlqStore store, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken) : IDlqTransaction
    {
        private readonly string _s = store._s;

        public CancellationToken CancellationToken => cancellationToken;

        public async ValueTask<IReadOnlyList<DlqEntry>> LockEntriesAsync(IReadOnlyList<string> dlqIds) =>
            (await LockAsync(dlqIds, skipLocked: false).ConfigureAwait(false)).Values.ToArray();

        public async ValueTask<IReadOnlyList<LockedEntry>> LockPageAsync(DlqQuery query)
        {
            // The page's keys first (PostgreSQL locks no rows of a UNION), then its entries locked.
            NpgsqlCommand command = Command(connection, transaction, string.Empty);
            var keys = new List<DlqKey>(Math.Min(query.Limit, 1024));
            await using (command.ConfigureAwait(false))
            {
                SqlDlqQueryBuilder.Build(command, query, store._dialect);
                command.CommandText = $"SELECT created_at, dlq_id FROM ({command.CommandText.TrimEnd(';')}) AS page ORDER BY created_at, dlq_id;";
                NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using ConfiguredAsyncDisposable readerDisposal = reader.ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    keys.Add(new DlqKey(new DateTimeOffset(reader.GetInt64(0), TimeSpan.Zero), reader.GetString(1)));
                }
            }

            Dictionary<string, DlqEntry> locked = await LockAsync(keys.Select(key => key.DlqId).ToArray(), skipLocked: true).ConfigureAwait(false);
            return keys.ConvertAll(key => new LockedEntry(key, locked.GetValueOrDefault(key.DlqId)));
        }

        public async ValueTask<IReadOnlyDictionary<string, RunRecord>> GetRunsAsync(IReadOnlyList<string> workflowRunIds)
        {
            var runs = new Dictionary<string, RunRecord>(StringComparer.Ordinal);
            NpgsqlCommand select = Command(connection, transaction, $"SELECT run::text FROM {_s}.runs WHERE workflow_run_id = ANY(@ids) ORDER BY workflow_run_id FOR UPDATE;");
            await using ConfiguredAsyncDisposable selectDisposal = select.ConfigureAwait(false);
            select.Parameters.AddWithValue("ids", workflowRunIds as string[] ?? workflowRunIds.ToArray());
            NpgsqlDataReader reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using ConfiguredAsyncDisposable readerDisposal = reader.ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                RunRecord run = StoredJson.DeserializeRun(reader.GetString(0));
                runs[run.WorkflowRunId] = run;
            }

            return runs;
        }

        public async ValueTask AddEntriesAsync(IReadOnlyList<DlqEntry> entries)
        {
            int json = SqlColumns.Entry.Count - 1;
            NpgsqlCommand insert = Command(
                connection,
                transaction,
                $"""
                INSERT INTO {_s}.dlq_entries ({string.Join(", ", SqlColumns.Entry)})
                SELECT {string.Join(", ", SqlColumns.Entry.Select((_, i) => i == json ? $"c{i}::jsonb" : $"c{i}"))}
                FROM unnest({string.Join(", ", SqlColumns.Entry.Select((_, i) => "@e" + i))}) AS t({string.Join(", ", SqlColumns.Entry.Select((_, i) => "c" + i))});
                INSERT INTO {_s}.dlq_labels ({string.Join(", ", SqlColumns.Label)})
                SELECT * FROM unnest({string.Join(", ", SqlColumns.Label.Select((_, i) => "@l" + i))});
                """);
            await using ConfiguredAsyncDisposable insertDisposal = insert.ConfigureAwait(false);
            AddColumnArrays(insert, "e", entries.Select(SqlColumns.EntryValues).ToArray(), SqlColumns.Entry);
            AddColumnArrays(insert, "l", entries.SelectMany(SqlColumns.LabelValues).ToArray(), SqlColumns.Label);
            try
            {
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation && exception.TableName == "dlq_entries")
            {
                // Another instance added one of these ids after this transaction found none of them.
                throw new ArgumentException("A DLQ id of these entries is already in the DLQ; give each entry a new id.", "entries", exception);
            }
        }

        public async ValueTask RemoveEntriesAsync(IReadOnlyList<DlqEntry> entries)
        {
            NpgsqlCommand delete = Command(connection, transaction, $"DELETE FROM {_s}.dlq_entries WHERE dlq_id = ANY(@ids);");
            await using ConfiguredAsyncDisposable deleteDisposal = delete.ConfigureAwait(false);
            delete.Parameters.AddWithValue("ids", entries.Select(entry => entry.DlqId).ToArray());
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        public async ValueTask ReplaceEntryAsync(DlqEntry entry)
        {
            // In place, not deleted and inserted: a transaction waiting on the row's lock then reads the new version,
            // where a deleted row would look gone to it.
            int json = SqlColumns.Entry.Count - 1;
            NpgsqlCommand update = Command(
                connection,
                transaction,
                $"""
                UPDATE {_s}.dlq_entries SET {string.Join(", ", SqlColumns.Entry.Select((column, i) => (column, i)).Skip(1).Select(c => $"{c.column} = @e{c.i}{(c.i == json ? "::jsonb" : string.Empty)}"))}
                WHERE dlq_id = @e0;
                DELETE FROM {_s}.dlq_labels WHERE dlq_id = @e0;
                INSERT INTO {_s}.dlq_labels ({string.Join(", ", SqlColumns.Label)})
                SELECT * FROM unnest({string.Join(", ", SqlColumns.Label.Select((_, i) => "@l" + i))});
                """);
            await using ConfiguredAsyncDisposable updateDisposal = update.ConfigureAwait(false);
            object?[] values = SqlColumns.EntryValues(entry);
            for (int i = 0; i < values.Length; i++)
            {
                update.Parameters.AddWithValue("e" + i, SqlColumns.IsInt64(SqlColumns.Entry[i]) ? NpgsqlDbType.Bigint : NpgsqlDbType.Text, values[i] ?? DBNull.Value);
            }

            AddColumnArrays(update, "l", SqlColumns.LabelValues(entry).ToArray(), SqlColumns.Label);
            await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        public async ValueTask<BulkActionRecord> AddBulkActionAsync(BulkActionRecord action)
        {
            ArgumentNullException.ThrowIfNull(action);
            NpgsqlCommand insert = Command(connection, transaction, string.Empty);
            await using (insert.ConfigureAwait(false))
            {
                // A concurrent insert of the same key waits here for the other transaction, then adds nothing if it committed.
                SqlBulkActions.BuildInsert(insert, store._dialect, action);
                if (await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
                {
                    return action;
                }
            }

            return (await ReadActionsAsync(connection, transaction, command => SqlBulkActions.BuildGetRunning(command, store._dialect, action.Key), cancellationToken).ConfigureAwait(false)).Single();
        }

        public async ValueTask AddBulkActionProgressAsync(string actionId, long processed, DateTimeOffset? completedAt)
        {
            NpgsqlCommand update = Command(connection, transaction, string.Empty);
            await using ConfiguredAsyncDisposable updateDisposal = update.ConfigureAwait(false);
            SqlBulkActions.BuildProgress(update, store._dialect, actionId, processed, completedAt);
            await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        public async ValueTask SaveRunsAsync(IReadOnlyList<RunRecord> runs) =>
            await store.StoreRunsAsync(connection, transaction, runs, cancellationToken).ConfigureAwait(false);

        /// <summary>
        /// Locks and reads the entries with these ids that are in the DLQ, in id order; with <paramref name="skipLocked"/>,
        /// rows another transaction holds are passed over.
        /// </summary>
        private async Task<Dictionary<string, DlqEntry>> LockAsync(IReadOnlyList<string> dlqIds, bool skipLocked)
        {
            var found = new Dictionary<string, DlqEntry>(StringComparer.Ordinal);
            string lockClause = skipLocked ? "FOR UPDATE SKIP LOCKED" : "FOR UPDATE";
            NpgsqlCommand select = Command(connection, transaction, $"SELECT dlq_id, entry::text FROM {_s}.dlq_entries WHERE dlq_id = ANY(@ids) ORDER BY dlq_id {lockClause};");
            await using ConfiguredAsyncDisposable selectDisposal = select.ConfigureAwait(false);
            select.Parameters.AddWithValue("ids", dlqIds as string[] ?? dlqIds.ToArray());
            NpgsqlDataReader reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using ConfiguredAsyncDisposable readerDisposal = reader.ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                found[reader.GetString(0)] = StoredJson.DeserializeEntry(reader.GetString(1));
            }

            return found;
        }

        public ValueTask AddDeliveriesAsync(IReadOnlyList<DeliveryRecord> deliveries) =>
            new(SqlDeliveries.AddAsync(connection, transaction, store._dialect, deliveries, cancellationToken));

        public ValueTask<IReadOnlyList<DeliveryRecord>> ClaimDeliveriesAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int limit) =>
            new(SqlDeliveries.ClaimAsync(connection, transaction, store._dialect, now, leaseUntil, limit, cancellationToken));

        public ValueTask<bool> ReplaceDeliveryAsync(DeliveryRecord delivery) =>
            new(SqlDeliveries.ReplaceAsync(connection, transaction, store._dialect, delivery, cancellationToken));

        public ValueTask<int> RemoveDeliveriesAsync(IReadOnlyList<string> messageIds) =>
            new(SqlDeliveries.RemoveAsync(connection, transaction, store._dialect, messageIds, cancellationToken));

        public ValueTask<int> RemoveRunDeliveriesAsync(string workflowRunId) =>
            new(SqlDeliveries.RemoveRunAsync(connection, transaction, store._dialect, workflowRunId, cancellationToken));
    }
}
