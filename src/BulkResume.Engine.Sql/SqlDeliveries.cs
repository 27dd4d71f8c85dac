using System.Data.Common;
using System.Runtime.CompilerServices;
using BulkResume.Engine.Storage;

namespace BulkResume.Engine.Sql;

/// <summary>
/// The delivery queue of a SQL store, in the table <c>deliveries</c>: the statements that add, claim, replace, remove and
/// read deliveries, run on the connection (and transaction) the store gives.
/// </summary>
/// <remarks>
/// <para>A claim leases the due rows no one holds with one <c>UPDATE</c>: it picks the earliest due of the unleased rows
/// (index <c>ix_deliveries_due</c>) and of the leased rows whose lease ended (index <c>ix_deliveries_lease_end</c>, on
/// the later of due time and lease end), so its cost grows with what it claims, not with what is stored or in flight.
/// The picking selects end with the dialect's <see cref="SqlDialect.SkipLocked"/>, so transactions claiming at the same
/// time on a database with several writers pass over each other's rows instead of claiming them twice.</para>
/// Times are stored as UTC ticks and read back with a zero offset.
/// </remarks>
public static class SqlDeliveries
{
    private const string Columns = "message_id, workflow_run_id, due_at, leased_until, flow_control_key, definition";

    /// <summary>Rows a single insert adds at most (six parameters a row, well within every database's parameter limit).</summary>
    private const int InsertBatch = 500;

    /// <summary>Adds <paramref name="deliveries"/>, whose message ids are new.</summary>
    /// <param name="connection">The open connection.</param>
    /// <param name="transaction">The transaction to write in.</param>
    /// <param name="dialect">The database's dialect.</param>
    /// <param name="deliveries">The deliveries.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when they are added.</returns>
    public static async Task AddAsync(DbConnection connection, DbTransaction transaction, SqlDialect dialect, IReadOnlyList<DeliveryRecord> deliveries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(deliveries);
        foreach (DeliveryRecord[] batch in deliveries.Chunk(InsertBatch))
        {
            DbCommand insert = Command(connection, transaction);
            await using (insert.ConfigureAwait(false))
            {
                IEnumerable<string> rows = batch.Select(delivery => "(" + string.Join(", ", Values(delivery).Select(value => dialect.AddParameter(insert, value))) + ")");
                insert.CommandText = $"INSERT INTO {dialect.Table("deliveries")} ({Columns}) VALUES {string.Join(", ", rows)};";
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Leases until <paramref name="leaseUntil"/> the deliveries due at <paramref name="now"/> that no one holds, earliest
    /// due first (then by message id), at most <paramref name="limit"/>.
    /// </summary>
    /// <param name="connection">The open connection.</param>
    /// <param name="transaction">The transaction to write in.</param>
    /// <param name="dialect">The database's dialect.</param>
    /// <param name="now">The time to compare with.</param>
    /// <param name="leaseUntil">The new lease's end.</param>
    /// <param name="limit">How many at most; 1 or more.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The deliveries claimed, with their new lease, in that order.</returns>
    public static async Task<IReadOnlyList<DeliveryRecord>> ClaimAsync(
        DbConnection connection, DbTransaction transaction, SqlDialect dialect, DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        DbCommand claim = Command(connection, transaction);
        await using ConfiguredAsyncDisposable claimDisposal = claim.ConfigureAwait(false);
        BuildClaim(claim, dialect, now, leaseUntil, limit);
        List<DeliveryRecord> claimed = await ReadAsync(claim, cancellationToken).ConfigureAwait(false);

        // RETURNING gives the rows in no promised order.
        claimed.Sort(static (x, y) => x.DueAt != y.DueAt ? x.DueAt.CompareTo(y.DueAt) : string.CompareOrdinal(x.MessageId, y.MessageId));
        return claimed;
    }

    /// <summary>Fills <paramref name="command"/> with the claim's one statement (its plan is checked in the tests).</summary>
    internal static void BuildClaim(DbCommand command, SqlDialect dialect, DateTimeOffset now, DateTimeOffset leaseUntil, int limit)
    {
        string table = dialect.Table("deliveries");
        string at = dialect.AddParameter(command, "now", now.UtcTicks);
        string count = dialect.AddParameter(command, "limit", (long)limit);

        // Each picking select is ordered and limited on its own, so each reads no more than its index's first rows; the
        // leased branch's rows are all claimable (the lease ended and the delivery is due), only their order is sorted.
        command.CommandText = $"""
            WITH unleased AS (
                SELECT message_id, due_at FROM {table} WHERE leased_until IS NULL AND due_at <= {at}
                ORDER BY due_at, message_id LIMIT {count} {dialect.SkipLocked}),
            lease_ended AS (
                SELECT message_id, due_at FROM {table} WHERE leased_until IS NOT NULL AND {dialect.Greatest("due_at", "leased_until")} <= {at}
                ORDER BY due_at, message_id LIMIT {count} {dialect.SkipLocked}),
            chosen AS (
                SELECT message_id FROM (SELECT message_id, due_at FROM unleased UNION ALL SELECT message_id, due_at FROM lease_ended) AS candidates
                ORDER BY due_at, message_id LIMIT {count})
            UPDATE {table} SET leased_until = {dialect.AddParameter(command, "lease", leaseUntil.UtcTicks)}
            WHERE message_id IN (SELECT message_id FROM chosen)
            RETURNING {Columns};
            """;
    }

    /// <summary>Replaces the stored delivery of <paramref name="delivery"/>'s message id (its run stays).</summary>
    /// <param name="connection">The open connection.</param>
    /// <param name="transaction">The transaction to write in.</param>
    /// <param name="dialect">The database's dialect.</param>
    /// <param name="delivery">The new version.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether a delivery of that id was stored.</returns>
    public static async Task<bool> ReplaceAsync(DbConnection connection, DbTransaction transaction, SqlDialect dialect, DeliveryRecord delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(delivery);
        object[] values = Values(delivery);
        DbCommand update = Command(connection, transaction);
        await using ConfiguredAsyncDisposable updateDisposal = update.ConfigureAwait(false);
        update.CommandText = $"""
            UPDATE {dialect.Table("deliveries")} SET due_at = {dialect.AddParameter(update, "due", values[2])},
                leased_until = {dialect.AddParameter(update, "lease", values[3])},
                flow_control_key = {dialect.AddParameter(update, "key", values[4])},
                definition = {dialect.AddParameter(update, "definition", values[5])}
            WHERE message_id = {dialect.AddParameter(update, "id", values[0])};
            """;
        return await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>Removes the deliveries of these message ids.</summary>
    /// <param name="connection">The open connection.</param>
    /// <param name="transaction">The transaction to write in.</param>
    /// <param name="dialect">The database's dialect.</param>
    /// <param name="messageIds">The ids; none given twice.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many were stored and are removed.</returns>
    public static async Task<int> RemoveAsync(DbConnection connection, DbTransaction transaction, SqlDialect dialect, IReadOnlyList<string> messageIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(messageIds);
        if (messageIds.Count == 0)
        {
            return 0;
        }

        DbCommand delete = Command(connection, transaction);
        await using ConfiguredAsyncDisposable deleteDisposal = delete.ConfigureAwait(false);
        delete.CommandText = $"DELETE FROM {dialect.Table("deliveries")} WHERE {dialect.InSet(delete, "message_id", messageIds)};";
        return await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes every delivery of a run.</summary>
    /// <param name="connection">The open connection.</param>
    /// <param name="transaction">The transaction to write in.</param>
    /// <param name="dialect">The database's dialect.</param>
    /// <param name="workflowRunId">The run's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many were removed.</returns>
    public static async Task<int> RemoveRunAsync(DbConnection connection, DbTransaction transaction, SqlDialect dialect, string workflowRunId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(workflowRunId);
        DbCommand delete = Command(connection, transaction);
        await using ConfiguredAsyncDisposable deleteDisposal = delete.ConfigureAwait(false);
        delete.CommandText = $"DELETE FROM {dialect.Table("deliveries")} WHERE workflow_run_id = {dialect.AddParameter(delete, "run", workflowRunId)};";
        return await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The deliveries of a run, earliest due first (then by message id).</summary>
    /// <param name="connection">The open connection.</param>
    /// <param name="dialect">The database's dialect.</param>
    /// <param name="workflowRunId">The run's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The deliveries, as committed.</returns>
    public static async Task<IReadOnlyList<DeliveryRecord>> GetOfRunAsync(DbConnection connection, SqlDialect dialect, string workflowRunId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(workflowRunId);
        DbCommand select = Command(connection, null);
        await using ConfiguredAsyncDisposable selectDisposal = select.ConfigureAwait(false);
        BuildGetOfRun(select, dialect, workflowRunId);
        return await ReadAsync(select, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Fills <paramref name="command"/> with the read of a run's deliveries.</summary>
    internal static void BuildGetOfRun(DbCommand command, SqlDialect dialect, string workflowRunId) =>
        command.CommandText = $"SELECT {Columns} FROM {dialect.Table("deliveries")} WHERE workflow_run_id = {dialect.AddParameter(command, "run", workflowRunId)} ORDER BY due_at, message_id;";

    /// <summary>The earliest time a stored delivery can be claimed: the later of its due time and its lease's end.</summary>
    /// <param name="connection">The open connection.</param>
    /// <param name="dialect">The database's dialect.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The time, or <see langword="null"/> when none is stored.</returns>
    /// <remarks>Each of its two minimums is the first row of one of the claim's indexes.</remarks>
    public static async Task<DateTimeOffset?> GetNextTimeAsync(DbConnection connection, SqlDialect dialect, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        DbCommand select = Command(connection, null);
        await using ConfiguredAsyncDisposable selectDisposal = select.ConfigureAwait(false);
        BuildGetNextTime(select, dialect);
        DbDataReader reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable readerDisposal = reader.ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        long? unleased = reader.IsDBNull(0) ? null : reader.GetInt64(0);
        long? leased = reader.IsDBNull(1) ? null : reader.GetInt64(1);
        long? next = unleased is null ? leased : leased is null ? unleased : Math.Min(unleased.Value, leased.Value);
        return next is { } ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
    }

    /// <summary>Fills <paramref name="command"/> with the two minimums of <see cref="GetNextTimeAsync"/>.</summary>
    internal static void BuildGetNextTime(DbCommand command, SqlDialect dialect)
    {
        string table = dialect.Table("deliveries");
        command.CommandText = $"""
            SELECT (SELECT MIN(due_at) FROM {table} WHERE leased_until IS NULL),
                (SELECT MIN({dialect.Greatest("due_at", "leased_until")}) FROM {table} WHERE leased_until IS NOT NULL);
            """;
    }

    /// <summary>The column values of a delivery, in the order of <see cref="Columns"/>; a missing value as <see cref="DBNull"/>.</summary>
    private static object[] Values(DeliveryRecord delivery) =>
    [
        delivery.MessageId,
        delivery.WorkflowRunId,
        delivery.DueAt.UtcTicks,
        delivery.LeasedUntil is { } lease ? lease.UtcTicks : DBNull.Value,
        (object?)delivery.FlowControlKey ?? DBNull.Value,
        delivery.Definition,
    ];

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction)
    {
        ArgumentNullException.ThrowIfNull(connection);
        DbCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        return command;
    }

    private static async Task<List<DeliveryRecord>> ReadAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var deliveries = new List<DeliveryRecord>();
        DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable readerDisposal = reader.ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            deliveries.Add(new DeliveryRecord(
                reader.GetString(0),
                reader.GetString(1),
                new DateTimeOffset(reader.GetInt64(2), TimeSpan.Zero),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetString(5),
                reader.IsDBNull(3) ? null : new DateTimeOffset(reader.GetInt64(3), TimeSpan.Zero)));
        }

        return deliveries;
    }
}
