using System.Data.Common;
using BulkResume.Engine.Model;
using BulkResume.Engine.Selection;
using BulkResume.Engine.Storage;

namespace BulkResume.Engine.Sql;

/// <summary>
/// Translates a <see cref="RunQuery"/> into SQL over the <c>runs</c> table, in the order of its key: exact ids are key
/// lookups, the other filters are conditions on the run's columns (<c>workflow_url</c>, <c>created_at</c> in UTC ticks,
/// <c>state</c>, <c>flow_control_key</c>, <c>caller_ip</c>) or, for labels, on its stored JSON.
/// </summary>
/// <remarks>
/// The query's one column is the stored run as JSON text. Public so that a store over another SQL database, with its own
/// <see cref="SqlDialect"/>, queries as the PostgreSQL and SQLite stores do.
/// </remarks>
public static class SqlRunQueryBuilder
{
    /// <summary>Sets <paramref name="command"/>'s text to the query and adds its parameters.</summary>
    /// <param name="command">A command without parameters.</param>
    /// <param name="query">The page to read.</param>
    /// <param name="dialect">The database's dialect.</param>
    public static void Build(DbCommand command, RunQuery query, SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(dialect);
        RunSelection selection = query.Selection;
        var where = new List<string>();
        if (selection.Runs.Count > 0)
        {
            where.Add("(" + string.Join(
                " OR ",
                selection.Runs.Select(run =>
                    "(workflow_run_id = " + dialect.AddParameter(command, run.WorkflowRunId) + " AND " + WithinMillisecond(command, dialect, run.CreatedAt) + ")")) + ")");
        }
        else
        {
            Equal("workflow_run_id", selection.WorkflowRunId);
            if (selection.WorkflowUrl is { } url)
            {
                where.Add(dialect.LongTextEquals("workflow_url", dialect.AddParameter(command, url)));
            }

            if (selection.WorkflowCreatedAt is { } createdAt)
            {
                where.Add(WithinMillisecond(command, dialect, createdAt));
            }

            Equal("state", selection.State is { } state ? StoredNames.RunState.Of(state) : null);
            if (selection.FromDate is { } from)
            {
                where.Add("created_at >= " + dialect.AddParameter(command, from.UtcTicks));
            }

            if (selection.ToDate is { } to)
            {
                where.Add("created_at <= " + dialect.AddParameter(command, to.UtcTicks));
            }

            if (selection.Labels.Count > 0)
            {
                where.Add(dialect.JsonArrayOverlaps(command, "run", nameof(RunRecord.Labels), selection.Labels));
            }

            Equal("flow_control_key", selection.FlowControlKey);
            Equal("caller_ip", selection.CallerIp);
        }

        if (query.After is not null)
        {
            where.Add("workflow_run_id > " + dialect.AddParameter(command, "after", query.After));
        }

        string limit = dialect.AddParameter(command, "limit", query.Limit);
        command.CommandText = "SELECT " + dialect.JsonColumn("run") + " FROM " + dialect.Table("runs")
            + (where.Count == 0 ? string.Empty : " WHERE " + string.Join(" AND ", where))
            + " ORDER BY workflow_run_id LIMIT " + limit + ";";

        void Equal(string column, string? value)
        {
            if (value is not null)
            {
                where.Add(column + " = " + dialect.AddParameter(command, value));
            }
        }
    }

    /// <summary>The condition that the run was created within the millisecond of <paramref name="time"/>, as the wire compares times.</summary>
    private static string WithinMillisecond(DbCommand command, SqlDialect dialect, DateTimeOffset time)
    {
        long start = DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds()).UtcTicks;
        return "created_at >= " + dialect.AddParameter(command, start) + " AND created_at < " + dialect.AddParameter(command, start + TimeSpan.TicksPerMillisecond);
    }
}
