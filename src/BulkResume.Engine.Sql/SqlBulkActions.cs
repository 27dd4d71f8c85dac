using System.Data.Common;
using BulkResume.Engine.Storage;

namespace BulkResume.Engine.Sql;

/// <summary>
/// The bulk actions of a SQL store, in the table <c>bulk_actions</c>: the statements that read, add and advance them,
/// and the reading of their rows.
/// </summary>
/// <remarks>
/// A partial unique index on <c>action_key</c> over the unfinished rows keeps one unfinished action per key, so an insert
/// that meets it adds nothing (<c>ON CONFLICT ... DO NOTHING</c>) and the running one is read instead. Progress is one
/// atomic increment, so transactions of several processes add to it without reading it first.
/// </remarks>
public static class SqlBulkActions
{
    private static readonly string[] Columns = ["action_id", "action_key", "definition", "total", "processed", "created_at", "completed_at"];

    /// <summary>Builds the read of the action <paramref name="actionId"/>; its rows are read by <see cref="Read"/>.</summary>
    /// <param name="command">The command to fill.</param>
    /// <param name="dialect">The database's dialect.</param>
    /// <param name="actionId">The action's id.</param>
    public static void BuildGet(DbCommand command, SqlDialect dialect, string actionId)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(dialect);
        command.CommandText = $"SELECT {string.Join(", ", Columns)} FROM {dialect.Table("bulk_actions")} WHERE action_id = {dialect.AddParameter(command, "id", actionId)};";
    }

    /// <summary>Builds the page of <see cref="IDlqStore.QueryBulkActionsAsync"/>; its rows are read by <see cref="Read"/>.</summary>
    /// <param name="command">The command to fill.</param>
    /// <param name="dialect">The database's dialect.</param>
    /// <param name="createdSince">The oldest creation time to read.</param>
    /// <param name="beforeActionId">Where the previous page ended, or <see langword="null"/>.</param>
    /// <param name="unfinishedOnly">Whether to read only unfinished actions.</param>
    /// <param name="limit">How many at most.</param>
    public static void BuildQuery(DbCommand command, SqlDialect dialect, DateTimeOffset createdSince, string? beforeActionId, bool unfinishedOnly, int limit)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(dialect);
        string conditions = $"created_at >= {dialect.AddParameter(command, "since", createdSince.UtcTicks)}"
            + (beforeActionId is null ? string.Empty : $" AND action_id < {dialect.AddParameter(command, "before", beforeActionId)}")
            + (unfinishedOnly ? " AND completed_at IS NULL" : string.Empty);
        command.CommandText = $"SELECT {string.Join(", ", Columns)} FROM {dialect.Table("bulk_actions")} WHERE {conditions} ORDER BY action_id DESC LIMIT {dialect.AddParameter(command, "limit", (long)limit)};";
    }

    /// <summary>Builds the insert of <paramref name="action"/> that adds nothing when an unfinished action of its key is stored.</summary>
    /// <param name="command">The command to fill; it answers the number of rows added (0 or 1).</param>
    /// <param name="dialect">The database's dialect.</param>
    /// <param name="action">The action, unfinished.</param>
    public static void BuildInsert(DbCommand command, SqlDialect dialect, BulkActionRecord action)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(action);
        object[] values = [action.ActionId, action.Key, action.Definition, action.Total, action.Processed, action.CreatedAt.UtcTicks];
        string parameters = string.Join(", ", values.Select((value, i) => dialect.AddParameter(command, "a" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), value)));
        command.CommandText = $"INSERT INTO {dialect.Table("bulk_actions")} ({string.Join(", ", Columns.Take(values.Length))}) VALUES ({parameters}) ON CONFLICT (action_key) WHERE completed_at IS NULL DO NOTHING;";
    }

    /// <summary>Builds the read of the unfinished action of <paramref name="key"/>; its rows are read by <see cref="Read"/>.</summary>
    /// <param name="command">The command to fill.</param>
    /// <param name="dialect">The database's dialect.</param>
    /// <param name="key">The key.</param>
    public static void BuildGetRunning(DbCommand command, SqlDialect dialect, string key)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(dialect);
        command.CommandText = $"SELECT {string.Join(", ", Columns)} FROM {dialect.Table("bulk_actions")} WHERE action_key = {dialect.AddParameter(command, "key", key)} AND completed_at IS NULL;";
    }

    /// <summary>Builds the increment of <see cref="IDlqTransaction.AddBulkActionProgressAsync"/>.</summary>
    /// <param name="command">The command to fill.</param>
    /// <param name="dialect">The database's dialect.</param>
    /// <param name="actionId">The action's id.</param>
    /// <param name="processed">How many items to add.</param>
    /// <param name="completedAt">When it finished, or <see langword="null"/>.</param>
    public static void BuildProgress(DbCommand command, SqlDialect dialect, string actionId, long processed, DateTimeOffset? completedAt)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(dialect);
        string completion = completedAt is { } at ? $", completed_at = COALESCE(completed_at, {dialect.AddParameter(command, "completed", at.UtcTicks)})" : string.Empty;
        command.CommandText = $"UPDATE {dialect.Table("bulk_actions")} SET processed = processed + {dialect.AddParameter(command, "processed", processed)}{completion} WHERE action_id = {dialect.AddParameter(command, "id", actionId)};";
    }

    /// <summary>Reads the current row of a command built here.</summary>
    /// <param name="reader">The reader, on a row.</param>
    /// <returns>The action.</returns>
    public static BulkActionRecord Read(DbDataReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new BulkActionRecord(
            reader.GetString(0),
            reader.GetString(1),
            reader.GetString(2),
            reader.GetInt64(3),
            reader.GetInt64(4),
            new DateTimeOffset(reader.GetInt64(5), TimeSpan.Zero),
            reader.IsDBNull(6) ? null : new DateTimeOffset(reader.GetInt64(6), TimeSpan.Zero));
    }
}
