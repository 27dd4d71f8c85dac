using System.Runtime.CompilerServices;
using System.Globalization;
using BulkResume.Engine.Model;
using BulkResume.Engine.Selection;
using BulkResume.Engine.Storage;
using BulkResume.Engine.Storage.Sql;
using Npgsql;
using NpgsqlTypes;

namespace BulkResume.Engine.PostgreSql;

/// <summary>
/// An <see cref="IDlqStore"/> in a PostgreSQL database, shared by any number of engine instances (processes, machines):
/// each claim locks its entries with <c>SELECT ... FOR UPDATE</c> and removes them in the same transaction, so each entry
/// is resumed exactly once however many instances race for it. A take of available entries skips rows another instance
/// holds (<c>SKIP LOCKED</c>) and reports them missing; an all-or-nothing take waits for them and changes nothing when one
/// is gone. Entries and runs are stored whole as <c>jsonb</c> beside indexed columns that serve every filter and the
/// keyset cursor. The schema is created or migrated on first use.
/// <code>
/// await using PostgreSqlDlqStore store = PostgreSqlDlqStore.Create("Host=db;Username=dlq;Password=...;Database=dlq");
/// var engine = new DlqEngine(store);
/// </code>
/// Ids are compared with the <c>"C"</c> collation (UTF-8 bytes), which orders like <see cref="StringComparison.Ordinal"/>
/// for every id without characters outside the Basic Multilingual Plane.
/// </summary>
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
    /// (connection pool) of its own that the store disposes. Nothing is sent to the server until first use (or
    /// <see cref="InitializeAsync"/>).
    /// </summary>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <returns>The store.</returns>
    public static PostgreSqlDlqStore Create(string connectionString) => Create(connectionString, options: null);

    /// <summary>
    /// A store over the database of <paramref name="connectionString"/>, with a data source (connection pool) of its own
    /// that the store disposes. Nothing is sent to the server until first use (or <see cref="InitializeAsync"/>).
    /// </summary>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="options">Settings; <see langword="null"/> for the defaults.</param>
    /// <returns>The store.</returns>
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
    public async ValueTask AddAsync(IReadOnlyList<DlqEntry> entries, CancellationToken cancellationToken = default)
    {
        AddedEntries.CheckDistinct(entries);

        if (entries.Count == 0)
        {
            return;
        }

        try
        {
            await InTransactionAsync(
                async (connection, transaction) =>
                {
                    NpgsqlCommand exists = Command(connection, transaction, $"SELECT dlq_id FROM {_s}.dlq_entries WHERE dlq_id = ANY(@ids) LIMIT 1;");
                    await using (exists.ConfigureAwait(false))
                    {
                        exists.Parameters.AddWithValue("ids", entries.Select(entry => entry.DlqId).ToArray());
                        if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string taken)
                        {
                            throw AddedEntries.Duplicate(taken);
                        }
                    }

                    await InsertEntriesAsync(connection, transaction, entries, cancellationToken).ConfigureAwait(false);

                    // Each entry's failed run, in order, so that two entries of one run leave the second one's.
                    string[] runIds = entries.Select(entry => entry.WorkflowRunId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
                    Dictionary<string, WorkflowRun> runs = await ReadRunsForUpdateAsync(connection, transaction, runIds, cancellationToken).ConfigureAwait(false);
                    foreach (DlqEntry entry in entries)
                    {
                        runs[entry.WorkflowRunId] = DeadLetteredRun.Of(entry, runs.GetValueOrDefault(entry.WorkflowRunId));
                    }

                    await StoreRunsAsync(connection, transaction, runs.Values, cancellationToken).ConfigureAwait(false);
                    return (true, true);
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation && exception.TableName == "dlq_entries")
        {
            // Another instance added one of these ids between the check and the insert.
            throw new ArgumentException("A DLQ id of these entries is already in the DLQ; give each entry a new id.", nameof(entries), exception);
        }
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
    public async ValueTask<DlqTakeResult> TakeAsync(DlqTake take, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(take);
        if (take.DlqIds.Count == 0)
        {
            return new DlqTakeResult([], []);
        }

        return await InTransactionAsync(
            async (connection, transaction) =>
            {
                Dictionary<string, DlqEntry> found = await LockEntriesAsync(connection, transaction, take.DlqIds, skipLocked: !take.AllOrNothing, cancellationToken).ConfigureAwait(false);
                (IReadOnlyList<DlqEntry> present, IReadOnlyList<string> missing) = FoundEntries.Split(take, found);
                if (present.Count == 0 || (take.AllOrNothing && missing.Count > 0))
                {
                    return (new DlqTakeResult([], missing), false);
                }

                TakenEntry[] taken = await TakeAsync(connection, transaction, present, take.MakeRun, cancellationToken).ConfigureAwait(false);
                return (new DlqTakeResult(taken, missing), true);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask<DlqTakenPage> TakePageAsync(DlqQuery query, Func<DlqEntry, WorkflowRun?> makeRun, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(makeRun);
        return await InTransactionAsync(
            async (connection, transaction) =>
            {
                // The page's keys first (PostgreSQL locks no rows of a UNION), then its entries locked. A row another
                // caller is taking is passed over; one changed since its key was read so that it no longer matches stays.
                (IReadOnlyList<DlqKey> keys, DlqKey? next) = TakenPages.Split(
                    await ReadKeysAsync(connection, transaction, TakenPages.LookAhead(query), cancellationToken).ConfigureAwait(false), query, static key => key);
                Dictionary<string, DlqEntry> locked = await LockEntriesAsync(connection, transaction, keys.Select(key => key.DlqId).ToArray(), skipLocked: true, cancellationToken).ConfigureAwait(false);
                DlqEntry[] page = keys.Select(key => locked.GetValueOrDefault(key.DlqId)).OfType<DlqEntry>().Where(query.Selection.Matches).ToArray();
                TakenEntry[] taken = await TakeAsync(connection, transaction, page, makeRun, cancellationToken).ConfigureAwait(false);
                return (new DlqTakenPage(taken, next), taken.Length > 0);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask ResetAsync(CancellationToken cancellationToken = default) =>
        await InTransactionAsync(
            async (connection, transaction) =>
            {
                NpgsqlCommand truncate = Command(connection, transaction, $"TRUNCATE {_s}.dlq_labels, {_s}.dlq_entries, {_s}.runs;");
                await using (truncate.ConfigureAwait(false))
                {
                    await truncate.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                return (true, true);
            },
            cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public async ValueTask<DlqEntry?> UpdateAsync(string dlqId, Func<DlqEntry, DlqEntry> update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dlqId);
        ArgumentNullException.ThrowIfNull(update);
        return await InTransactionAsync(
            async (connection, transaction) =>
            {
                DlqEntry current;
                NpgsqlCommand select = Command(connection, transaction, $"SELECT entry::text FROM {_s}.dlq_entries WHERE dlq_id = @id FOR UPDATE;");
                await using (select.ConfigureAwait(false))
                {
                    select.Parameters.AddWithValue("id", dlqId);
                    if (await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not string json)
                    {
                        return ((DlqEntry?)null, false);
                    }

                    current = StoredJson.DeserializeEntry(json);
                }

                DlqEntry updated = UpdatedEntry.Check(current, update(current));
                NpgsqlCommand write = Command(
                    connection,
                    transaction,
                    $"""
                    UPDATE {_s}.dlq_entries SET workflow_run_id = @run, workflow_created_ms = @wca, flow_control_key = @key, caller_ip = @ip,
                        callback_state = @callback, entry = @entry::jsonb WHERE dlq_id = @id;
                    DELETE FROM {_s}.dlq_labels WHERE dlq_id = @id;
                    INSERT INTO {_s}.dlq_labels (label, created_at, dlq_id) SELECT DISTINCT l, @created, @id FROM unnest(@labels) AS l;
                    """);
                await using (write.ConfigureAwait(false))
                {
                    write.Parameters.AddWithValue("id", dlqId);
                    write.Parameters.AddWithValue("run", updated.WorkflowRunId);
                    write.Parameters.AddWithValue("wca", updated.WorkflowCreatedAt.ToUnixTimeMilliseconds());
                    write.Parameters.AddWithValue("key", NpgsqlDbType.Text, (object?)updated.FlowControlKey ?? DBNull.Value);
                    write.Parameters.AddWithValue("ip", NpgsqlDbType.Text, (object?)updated.CallerIp ?? DBNull.Value);
                    write.Parameters.AddWithValue("callback", NpgsqlDbType.Text, (object?)updated.FailureCallbackInfo?.State.ToString() ?? DBNull.Value);
                    write.Parameters.AddWithValue("entry", StoredJson.Serialize(updated));
                    write.Parameters.AddWithValue("created", updated.CreatedAt.UtcTicks);
                    write.Parameters.AddWithValue("labels", updated.Labels.ToArray());
                    await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                // While its entry is in the DLQ, the failed run is what the entry says (its failure callback's state, too).
                Dictionary<string, WorkflowRun> runs = await ReadRunsForUpdateAsync(connection, transaction, [updated.WorkflowRunId], cancellationToken).ConfigureAwait(false);
                await StoreRunsAsync(connection, transaction, [DeadLetteredRun.Of(updated, runs.GetValueOrDefault(updated.WorkflowRunId))], cancellationToken).ConfigureAwait(false);
                return ((DlqEntry?)updated, true);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask<WorkflowRun?> GetRunAsync(string workflowRunId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflowRunId);
        return await ReadOneAsync($"SELECT run::text FROM {_s}.runs WHERE workflow_run_id = @id;", workflowRunId, StoredJson.DeserializeRun, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask SaveRunAsync(WorkflowRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        NpgsqlConnection connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable connectionDisposal = connection.ConfigureAwait(false);
        await StoreRunsAsync(connection, null, [run], cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<WorkflowRun>> QueryRunsAsync(RunQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return await ReadPageAsync(command => SqlRunQueryBuilder.Build(command, query, _dialect), query.Limit, 0, StoredJson.DeserializeRun, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask<DlqStoreStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default)
    {
        NpgsqlConnection connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable connectionDisposal = connection.ConfigureAwait(false);

        // One statement, so the counts describe the same snapshot.
        NpgsqlCommand command = Command(
            connection,
            null,
            $"SELECT NULL::text, NULL::text, count(*) FROM {_s}.dlq_entries UNION ALL SELECT state, origin, count(*) FROM {_s}.runs GROUP BY state, origin;");
        await using ConfiguredAsyncDisposable commandDisposal = command.ConfigureAwait(false);
        NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable readerDisposal = reader.ConfigureAwait(false);
        long entries = 0;
        var byState = new Dictionary<RunState, long>();
        var byOrigin = new Dictionary<WorkflowRunOrigin, long>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            long n = reader.GetInt64(2);
            if (reader.IsDBNull(0))
            {
                entries = n;
                continue;
            }

            RunState state = Enum.Parse<RunState>(reader.GetString(0));
            WorkflowRunOrigin origin = Enum.Parse<WorkflowRunOrigin>(reader.GetString(1));
            byState[state] = byState.GetValueOrDefault(state) + n;
            byOrigin[origin] = byOrigin.GetValueOrDefault(origin) + n;
        }

        return new DlqStoreStatistics(entries, byState, byOrigin);
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

    /// <summary>The keys of the entries <paramref name="query"/> selects, in key order.</summary>
    private async Task<List<DlqKey>> ReadKeysAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DlqQuery query, CancellationToken cancellationToken)
    {
        NpgsqlCommand command = Command(connection, transaction, string.Empty);
        await using ConfiguredAsyncDisposable commandDisposal = command.ConfigureAwait(false);
        SqlDlqQueryBuilder.Build(command, query, _dialect);
        command.CommandText = $"SELECT created_at, dlq_id FROM ({command.CommandText}) AS page ORDER BY created_at, dlq_id;";
        var keys = new List<DlqKey>(Math.Min(query.Limit, 1024));
        NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable readerDisposal = reader.ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            keys.Add(new DlqKey(new DateTimeOffset(reader.GetInt64(0), TimeSpan.Zero), reader.GetString(1)));
        }

        return keys;
    }

    /// <summary>
    /// Locks and reads the entries with these ids that are in the DLQ, in id order so that takers that wait for each
    /// other's rows cannot deadlock; with <paramref name="skipLocked"/>, rows another transaction holds are passed over.
    /// </summary>
    private async Task<Dictionary<string, DlqEntry>> LockEntriesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<string> dlqIds, bool skipLocked, CancellationToken cancellationToken)
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

    /// <summary>
    /// Removes <paramref name="entries"/> (locked by this transaction) and stores the runs <paramref name="makeRun"/>
    /// makes of them. Every run is made before anything changes, so a throwing <paramref name="makeRun"/> rolls back an
    /// untouched transaction.
    /// </summary>
    private async Task<TakenEntry[]> TakeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<DlqEntry> entries, Func<DlqEntry, WorkflowRun?> makeRun, CancellationToken cancellationToken)
    {
        TakenEntry[] taken = entries.Select(entry => new TakenEntry(entry, makeRun(entry))).ToArray();
        if (taken.Length == 0)
        {
            return taken;
        }

        NpgsqlCommand delete = Command(connection, transaction, $"DELETE FROM {_s}.dlq_entries WHERE dlq_id = ANY(@ids);");
        await using (delete.ConfigureAwait(false))
        {
            delete.Parameters.AddWithValue("ids", entries.Select(entry => entry.DlqId).ToArray());
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var runs = new Dictionary<string, WorkflowRun>(StringComparer.Ordinal);
        foreach (TakenEntry item in taken)
        {
            if (item.Run is not null)
            {
                runs[item.Run.WorkflowRunId] = item.Run;
            }
        }

        await StoreRunsAsync(connection, transaction, runs.Values, cancellationToken).ConfigureAwait(false);
        return taken;
    }

    private async Task InsertEntriesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<DlqEntry> entries, CancellationToken cancellationToken)
    {
        NpgsqlCommand insert = Command(
            connection,
            transaction,
            $"""
            INSERT INTO {_s}.dlq_entries (dlq_id, created_at, workflow_url, workflow_run_id, workflow_created_ms, flow_control_key, caller_ip, callback_state, entry)
            SELECT i, c, u, r, w, k, ip, cb, e::jsonb FROM unnest(@ids, @created, @urls, @runs, @wca, @keys, @ips, @callbacks, @entries) AS t(i, c, u, r, w, k, ip, cb, e);
            INSERT INTO {_s}.dlq_labels (label, created_at, dlq_id)
            SELECT DISTINCT l, c, i FROM unnest(@label_ids, @label_created, @labels) AS t(i, c, l);
            """);
        await using ConfiguredAsyncDisposable insertDisposal = insert.ConfigureAwait(false);
        insert.Parameters.AddWithValue("ids", entries.Select(entry => entry.DlqId).ToArray());
        insert.Parameters.AddWithValue("created", entries.Select(entry => entry.CreatedAt.UtcTicks).ToArray());
        insert.Parameters.AddWithValue("urls", entries.Select(entry => entry.WorkflowUrl).ToArray());
        insert.Parameters.AddWithValue("runs", entries.Select(entry => entry.WorkflowRunId).ToArray());
        insert.Parameters.AddWithValue("wca", entries.Select(entry => entry.WorkflowCreatedAt.ToUnixTimeMilliseconds()).ToArray());
        insert.Parameters.AddWithValue("keys", NpgsqlDbType.Array | NpgsqlDbType.Text, entries.Select(entry => entry.FlowControlKey).ToArray());
        insert.Parameters.AddWithValue("ips", NpgsqlDbType.Array | NpgsqlDbType.Text, entries.Select(entry => entry.CallerIp).ToArray());
        insert.Parameters.AddWithValue("callbacks", NpgsqlDbType.Array | NpgsqlDbType.Text, entries.Select(entry => entry.FailureCallbackInfo?.State.ToString()).ToArray());
        insert.Parameters.AddWithValue("entries", entries.Select(entry => StoredJson.Serialize(entry)).ToArray());
        var labels = entries.SelectMany(entry => entry.Labels.Select(label => (entry.DlqId, entry.CreatedAt.UtcTicks, label))).ToArray();
        insert.Parameters.AddWithValue("label_ids", labels.Select(item => item.DlqId).ToArray());
        insert.Parameters.AddWithValue("label_created", labels.Select(item => item.UtcTicks).ToArray());
        insert.Parameters.AddWithValue("labels", labels.Select(item => item.label).ToArray());
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<Dictionary<string, WorkflowRun>> ReadRunsForUpdateAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string[] runIds, CancellationToken cancellationToken)
    {
        var runs = new Dictionary<string, WorkflowRun>(StringComparer.Ordinal);
        NpgsqlCommand select = Command(connection, transaction, $"SELECT run::text FROM {_s}.runs WHERE workflow_run_id = ANY(@ids) ORDER BY workflow_run_id FOR UPDATE;");
        await using ConfiguredAsyncDisposable selectDisposal = select.ConfigureAwait(false);
        select.Parameters.AddWithValue("ids", runIds);
        NpgsqlDataReader reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable readerDisposal = reader.ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            WorkflowRun run = StoredJson.DeserializeRun(reader.GetString(0));
            runs[run.WorkflowRunId] = run;
        }

        return runs;
    }

    private async Task StoreRunsAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, IEnumerable<WorkflowRun> runs, CancellationToken cancellationToken)
    {
        WorkflowRun[] batch = runs.OrderBy(run => run.WorkflowRunId, StringComparer.Ordinal).ToArray();
        if (batch.Length == 0)
        {
            return;
        }

        NpgsqlCommand upsert = Command(
            connection,
            transaction,
            $"""
            INSERT INTO {_s}.runs (workflow_run_id, state, origin, source_dlq_id, workflow_url, created_at, flow_control_key, caller_ip, run)
            SELECT i, s, o, d, u, c, k, p, r::jsonb FROM unnest(@ids, @states, @origins, @sources, @urls, @created, @keys, @ips, @runs) AS t(i, s, o, d, u, c, k, p, r)
            ON CONFLICT (workflow_run_id) DO UPDATE SET state = excluded.state, origin = excluded.origin, source_dlq_id = excluded.source_dlq_id,
                workflow_url = excluded.workflow_url, created_at = excluded.created_at, flow_control_key = excluded.flow_control_key,
                caller_ip = excluded.caller_ip, run = excluded.run;
            """);
        await using ConfiguredAsyncDisposable upsertDisposal = upsert.ConfigureAwait(false);
        upsert.Parameters.AddWithValue("ids", batch.Select(run => run.WorkflowRunId).ToArray());
        upsert.Parameters.AddWithValue("states", batch.Select(run => run.State.ToString()).ToArray());
        upsert.Parameters.AddWithValue("origins", batch.Select(run => run.Origin.ToString()).ToArray());
        upsert.Parameters.AddWithValue("sources", NpgsqlDbType.Array | NpgsqlDbType.Text, batch.Select(run => run.SourceDlqId).ToArray());
        upsert.Parameters.AddWithValue("urls", batch.Select(run => run.WorkflowUrl).ToArray());
        upsert.Parameters.AddWithValue("created", batch.Select(run => run.CreatedAt.UtcTicks).ToArray());
        upsert.Parameters.AddWithValue("keys", NpgsqlDbType.Array | NpgsqlDbType.Text, batch.Select(run => run.Configuration.FlowControlKey).ToArray());
        upsert.Parameters.AddWithValue("ips", NpgsqlDbType.Array | NpgsqlDbType.Text, batch.Select(run => run.CallerIp).ToArray());
        upsert.Parameters.AddWithValue("runs", batch.Select(run => StoredJson.Serialize(run)).ToArray());
        await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql) => new(sql, connection, transaction);
}
