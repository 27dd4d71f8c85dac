using System.Globalization;
using System.Text;
using BulkResume.Engine.Model;
using BulkResume.Engine.Selection;
using Npgsql;

namespace BulkResume.Engine.PostgreSql;

/// <summary>
/// Translates a <see cref="DlqQuery"/> into SQL that walks an index in key order. One filter "drives": for each of its
/// values a branch reads an index whose columns are (value, created_at, dlq_id), so the branch is a range scan in key
/// order that stops at the limit; the other filters are checked on the rows the branch visits. The branches' first
/// pages are merged and cut to the limit. With no multi-valued filter the key index (created_at, dlq_id) drives.
/// </summary>
internal static class PostgreSqlQueryBuilder
{
    private const string Columns = "e.created_at AS created_at, e.dlq_id AS dlq_id, e.entry::text AS entry";

    public static void Build(NpgsqlCommand command, DlqQuery query, string s)
    {
        var sql = new StringBuilder();
        var parameters = new Parameters(command);
        DlqSelection selection = query.Selection;
        string limit = parameters.Add(query.Limit);
        if (selection.IsByIds)
        {
            string ids = parameters.Add(selection.DlqIds.ToArray());
            sql.Append("SELECT ").Append(Columns).Append(" FROM ").Append(s).Append(".dlq_entries e WHERE e.dlq_id = ANY(").Append(ids).Append(')');
            AppendAfter(sql, parameters, query.After, "e");
            sql.Append(" ORDER BY e.created_at, e.dlq_id LIMIT ").Append(limit);
            command.CommandText = sql.ToString();
            return;
        }

        (Driver driver, IReadOnlyList<string> values) = ChooseDriver(selection);
        if (values.Count <= 1)
        {
            AppendBranch(sql, parameters, query, driver, values.Count == 0 ? null : values[0], limit, s);
        }
        else
        {
            sql.Append("SELECT created_at, dlq_id, entry FROM (");
            for (int i = 0; i < values.Count; i++)
            {
                if (i > 0)
                {
                    // A label branch can meet an entry another label branch met; UNION drops the repeat.
                    sql.Append(driver == Driver.Label ? " UNION " : " UNION ALL ");
                }

                sql.Append('(');
                AppendBranch(sql, parameters, query, driver, values[i], limit, s);
                sql.Append(')');
            }

            sql.Append(") AS b ORDER BY created_at, dlq_id LIMIT ").Append(limit);
        }

        command.CommandText = sql.ToString();
    }

    private enum Driver
    {
        Key,
        Url,
        WorkflowCreatedAt,
        Label,
        FlowControlKey,
        CallerIp,
        CallbackState,
    }

    private static (Driver Driver, IReadOnlyList<string> Values) ChooseDriver(DlqSelection selection)
    {
        if (selection.WorkflowUrls.Count > 0)
        {
            return (Driver.Url, selection.WorkflowUrls);
        }

        if (selection.WorkflowCreatedAt is { } created)
        {
            return (Driver.WorkflowCreatedAt, [created.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)]);
        }

        if (selection.Labels.Count > 0)
        {
            return (Driver.Label, selection.Labels);
        }

        if (selection.FlowControlKeys.Count > 0)
        {
            return (Driver.FlowControlKey, selection.FlowControlKeys);
        }

        if (selection.CallerIps.Count > 0)
        {
            return (Driver.CallerIp, selection.CallerIps);
        }

        if (selection.FailureCallbackStates.Count > 0)
        {
            return (Driver.CallbackState, selection.FailureCallbackStates.Select(state => state.ToString()).ToArray());
        }

        return (Driver.Key, []);
    }

    private static void AppendBranch(StringBuilder sql, Parameters parameters, DlqQuery query, Driver driver, string? value, string limit, string s)
    {
        DlqSelection selection = query.Selection;

        // The driving table's alias: its (created_at, dlq_id) columns bound the range and order the branch.
        string k = driver == Driver.Label ? "l" : "e";
        sql.Append("SELECT ").Append(Columns);
        sql.Append(driver == Driver.Label
            ? $" FROM {s}.dlq_labels l JOIN {s}.dlq_entries e ON e.dlq_id = l.dlq_id WHERE 1 = 1"
            : $" FROM {s}.dlq_entries e WHERE 1 = 1");
        switch (driver)
        {
            case Driver.Url:
                sql.Append(" AND e.workflow_url = ").Append(parameters.Add(value!));
                break;
            case Driver.WorkflowCreatedAt:
                sql.Append(" AND e.workflow_created_ms = ").Append(parameters.Add(long.Parse(value!, CultureInfo.InvariantCulture)));
                break;
            case Driver.Label:
                sql.Append(" AND l.label = ").Append(parameters.Add(value!));
                break;
            case Driver.FlowControlKey:
                sql.Append(" AND e.flow_control_key = ").Append(parameters.Add(value!));
                break;
            case Driver.CallerIp:
                sql.Append(" AND e.caller_ip = ").Append(parameters.Add(value!));
                break;
            case Driver.CallbackState:
                sql.Append(" AND e.callback_state = ").Append(parameters.Add(value!));
                break;
        }

        if (selection.FromDate is { } from)
        {
            sql.Append(" AND ").Append(k).Append(".created_at >= ").Append(parameters.Add(from.UtcTicks));
        }

        if (selection.ToDate is { } to)
        {
            sql.Append(" AND ").Append(k).Append(".created_at <= ").Append(parameters.Add(to.UtcTicks));
        }

        AppendAfter(sql, parameters, query.After, k);
        if (driver != Driver.Url)
        {
            AppendIn(sql, parameters, "e.workflow_url", selection.WorkflowUrls);
        }

        if (selection.WorkflowRunId is { } runId)
        {
            string p = parameters.Add(runId);
            sql.Append(" AND left(e.workflow_run_id, length(").Append(p).Append(")) = ").Append(p);
        }

        if (driver != Driver.WorkflowCreatedAt && selection.WorkflowCreatedAt is { } created)
        {
            sql.Append(" AND e.workflow_created_ms = ").Append(parameters.Add(created.ToUnixTimeMilliseconds()));
        }

        if (driver != Driver.Label && selection.Labels.Count > 0)
        {
            sql.Append(" AND EXISTS (SELECT 1 FROM ").Append(s).Append(".dlq_labels x WHERE x.dlq_id = e.dlq_id");
            AppendIn(sql, parameters, "x.label", selection.Labels);
            sql.Append(')');
        }

        if (driver != Driver.FlowControlKey)
        {
            AppendIn(sql, parameters, "e.flow_control_key", selection.FlowControlKeys);
        }

        if (driver != Driver.CallerIp)
        {
            AppendIn(sql, parameters, "e.caller_ip", selection.CallerIps);
        }

        if (driver != Driver.CallbackState)
        {
            AppendIn(sql, parameters, "e.callback_state", selection.FailureCallbackStates.Select(state => state.ToString()).ToArray());
        }

        sql.Append(" ORDER BY ").Append(k).Append(".created_at, ").Append(k).Append(".dlq_id LIMIT ").Append(limit);
    }

    private static void AppendAfter(StringBuilder sql, Parameters parameters, DlqKey? after, string alias)
    {
        if (after is { } position)
        {
            sql.Append(" AND (").Append(alias).Append(".created_at, ").Append(alias).Append(".dlq_id) > (")
                .Append(parameters.Add(position.CreatedAt.UtcTicks)).Append(", ").Append(parameters.Add(position.DlqId)).Append(')');
        }
    }

    private static void AppendIn(StringBuilder sql, Parameters parameters, string column, IReadOnlyList<string> values)
    {
        if (values.Count > 0)
        {
            sql.Append(" AND ").Append(column).Append(" = ANY(").Append(parameters.Add(values.ToArray())).Append(')');
        }
    }

    private sealed class Parameters(NpgsqlCommand command)
    {
        public string Add(object value)
        {
            string name = "p" + command.Parameters.Count.ToString(CultureInfo.InvariantCulture);
            command.Parameters.AddWithValue(name, value);
            return "@" + name;
        }
    }
}
