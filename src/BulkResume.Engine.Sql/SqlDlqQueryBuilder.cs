using System.Data.Common;
using System.Globalization;
using System.Text;
using BulkResume.Engine.Selection;

namespace BulkResume.Engine.Sql;

/// <summary>
/// Translates a <see cref="DlqQuery"/> into SQL that walks an index in key order. One filter "drives": for each of its
/// values a branch reads an index whose columns are (value, created_at, dlq_id), so the branch is a range scan in key
/// order that stops at the limit; the other filters are checked on the rows the branch visits. The branches' first
/// pages are merged and cut to the limit. With no multi-valued filter the key index (created_at, dlq_id) drives.
/// </summary>
/// <remarks>
/// The query's rows are (created_at, dlq_id, entry), in key order; <c>entry</c> is the stored entry as JSON text.
/// Public so that a store over another SQL database, with its own <see cref="SqlDialect"/>, queries as the PostgreSQL
/// and SQLite stores do.
/// </remarks>
public static class SqlDlqQueryBuilder
{
    /// <summary>Sets <paramref name="command"/>'s text to the query and adds its parameters.</summary>
    /// <param name="command">A command without parameters.</param>
    /// <param name="query">The page to read.</param>
    /// <param name="dialect">The database's dialect.</param>
    public static void Build(DbCommand command, DlqQuery query, SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(dialect);
        var sql = new StringBuilder();
        DlqSelection selection = query.Selection;
        string limit = dialect.AddParameter(command, query.Limit);
        if (selection.IsByIds)
        {
            sql.Append("SELECT ").Append(Columns(dialect)).Append(" FROM ").Append(dialect.Table("dlq_entries")).Append(" e WHERE ")
                .Append(dialect.InSet(command, "e.dlq_id", selection.DlqIds));
            AppendAfter(sql, command, dialect, query.After, "e");
            sql.Append(" ORDER BY e.created_at, e.dlq_id LIMIT ").Append(limit);
            command.CommandText = sql.ToString();
            return;
        }

        (DrivingFilter driver, IReadOnlyList<string> values) = ChooseDriver(selection);
        if (values.Count <= 1)
        {
            AppendBranch(sql, command, dialect, query, driver, values.Count == 0 ? null : values[0], limit);
        }
        else
        {
            var union = new StringBuilder();
            for (int i = 0; i < values.Count; i++)
            {
                if (i > 0)
                {
                    // A label branch can meet an entry another label branch met; UNION drops the repeat.
                    union.Append(driver == DrivingFilter.Label ? " UNION " : " UNION ALL ");
                }

                var branch = new StringBuilder();
                AppendBranch(branch, command, dialect, query, driver, values[i], limit);
                union.Append(dialect.UnionOperand(branch.ToString()));
            }

            sql.Append("SELECT created_at, dlq_id, entry FROM ").Append(dialect.DerivedTable(union.ToString()))
                .Append(" ORDER BY created_at, dlq_id LIMIT ").Append(limit);
        }

        command.CommandText = sql.ToString();
    }

    private static string Columns(SqlDialect dialect) =>
        "e.created_at AS created_at, e.dlq_id AS dlq_id, " + dialect.JsonColumn("e.entry") + " AS entry";

    private static (DrivingFilter Driver, IReadOnlyList<string> Values) ChooseDriver(DlqSelection selection)
    {
        if (selection.WorkflowUrls.Count > 0)
        {
            return (DrivingFilter.Url, selection.WorkflowUrls);
        }

        if (selection.WorkflowCreatedAt is { } created)
        {
            return (DrivingFilter.WorkflowCreatedAt, [created.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)]);
        }

        if (selection.Labels.Count > 0)
        {
            return (DrivingFilter.Label, selection.Labels);
        }

        if (selection.FlowControlKeys.Count > 0)
        {
            return (DrivingFilter.FlowControlKey, selection.FlowControlKeys);
        }

        if (selection.CallerIps.Count > 0)
        {
            return (DrivingFilter.CallerIp, selection.CallerIps);
        }

        if (selection.FailureCallbackStates.Count > 0)
        {
            return (DrivingFilter.CallbackState, CallbackStates(selection));
        }

        return (DrivingFilter.Key, []);
    }

    private static void AppendBranch(StringBuilder sql, DbCommand command, SqlDialect dialect, DlqQuery query, DrivingFilter driver, string? value, string limit)
    {
        DlqSelection selection = query.Selection;

        // The driving table's alias: its (created_at, dlq_id) columns bound the range and order the branch.
        string k = driver == DrivingFilter.Label ? "l" : "e";
        string entries = dialect.Table("dlq_entries");
        sql.Append("SELECT ").Append(Columns(dialect));
        sql.Append(driver == DrivingFilter.Label
            ? $" FROM {dialect.Table("dlq_labels")} l {dialect.OrderedJoin} {entries} e ON e.dlq_id = l.dlq_id WHERE 1 = 1"
            : $" FROM {entries} e WHERE 1 = 1");
        switch (driver)
        {
            case DrivingFilter.Url:
                sql.Append(" AND ").Append(dialect.LongTextEquals("e.workflow_url", dialect.AddParameter(command, value!)));
                break;
            case DrivingFilter.WorkflowCreatedAt:
                sql.Append(" AND e.workflow_created_ms = ").Append(dialect.AddParameter(command, long.Parse(value!, CultureInfo.InvariantCulture)));
                break;
            case DrivingFilter.Label:
                sql.Append(" AND l.label = ").Append(dialect.AddParameter(command, value!));
                break;
            case DrivingFilter.FlowControlKey:
                sql.Append(" AND e.flow_control_key = ").Append(dialect.AddParameter(command, value!));
                break;
            case DrivingFilter.CallerIp:
                sql.Append(" AND e.caller_ip = ").Append(dialect.AddParameter(command, value!));
                break;
            case DrivingFilter.CallbackState:
                sql.Append(" AND e.callback_state = ").Append(dialect.AddParameter(command, value!));
                break;
        }

        if (selection.FromDate is { } from)
        {
            sql.Append(" AND ").Append(k).Append(".created_at >= ").Append(dialect.AddParameter(command, from.UtcTicks));
        }

        if (selection.ToDate is { } to)
        {
            sql.Append(" AND ").Append(k).Append(".created_at <= ").Append(dialect.AddParameter(command, to.UtcTicks));
        }

        AppendAfter(sql, command, dialect, query.After, k);
        if (driver != DrivingFilter.Url)
        {
            AppendIn(sql, command, dialect, "e.workflow_url", selection.WorkflowUrls);
        }

        if (selection.WorkflowRunId is { } runId)
        {
            sql.Append(" AND ").Append(dialect.StartsWith("e.workflow_run_id", dialect.AddParameter(command, runId)));
        }

        if (driver != DrivingFilter.WorkflowCreatedAt && selection.WorkflowCreatedAt is { } created)
        {
            sql.Append(" AND e.workflow_created_ms = ").Append(dialect.AddParameter(command, created.ToUnixTimeMilliseconds()));
        }

        if (driver != DrivingFilter.Label && selection.Labels.Count > 0)
        {
            sql.Append(" AND EXISTS (SELECT 1 FROM ").Append(dialect.Table("dlq_labels")).Append(" x WHERE x.dlq_id = e.dlq_id");
            AppendIn(sql, command, dialect, "x.label", selection.Labels);
            sql.Append(')');
        }

        if (driver != DrivingFilter.FlowControlKey)
        {
            AppendIn(sql, command, dialect, "e.flow_control_key", selection.FlowControlKeys);
        }

        if (driver != DrivingFilter.CallerIp)
        {
            AppendIn(sql, command, dialect, "e.caller_ip", selection.CallerIps);
        }

        if (driver != DrivingFilter.CallbackState)
        {
            AppendIn(sql, command, dialect, "e.callback_state", CallbackStates(selection));
        }

        sql.Append(" ORDER BY ").Append(k).Append(".created_at, ").Append(k).Append(".dlq_id LIMIT ").Append(limit);
    }

    private static void AppendAfter(StringBuilder sql, DbCommand command, SqlDialect dialect, DlqKey? after, string alias)
    {
        if (after is { } position)
        {
            sql.Append(" AND (").Append(alias).Append(".created_at, ").Append(alias).Append(".dlq_id) > (")
                .Append(dialect.AddParameter(command, position.CreatedAt.UtcTicks)).Append(", ").Append(dialect.AddParameter(command, position.DlqId)).Append(')');
        }
    }

    private static void AppendIn(StringBuilder sql, DbCommand command, SqlDialect dialect, string column, IReadOnlyList<string> values)
    {
        if (values.Count > 0)
        {
            sql.Append(" AND ").Append(dialect.InList(command, column, values));
        }
    }

    private static string[] CallbackStates(DlqSelection selection) =>
        selection.FailureCallbackStates.Select(StoredNames.CallbackState.Of).ToArray();
}
