using System.Data.Common;

namespace BulkResume.Engine.Storage.Sql;

/// <summary>
/// Translates a <see cref="RunQuery"/> into SQL that reads the <c>runs</c> table's key in order: a run-id prefix becomes
/// a range of the key (from the prefix up to the least string above every string with that prefix), so the page is an
/// index range scan that stops at the limit.
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
        var where = new List<string>();
        if (!string.IsNullOrEmpty(query.WorkflowRunId))
        {
            string prefix = dialect.AddParameter(command, "prefix", query.WorkflowRunId);
            where.Add("workflow_run_id >= " + prefix + " AND " + dialect.StartsWith("workflow_run_id", prefix));
            if (PrefixUpperBound(query.WorkflowRunId) is { } upper)
            {
                where.Add("workflow_run_id < " + dialect.AddParameter(command, "upper", upper));
            }
        }

        if (query.After is not null)
        {
            where.Add("workflow_run_id > " + dialect.AddParameter(command, "after", query.After));
        }

        string limit = dialect.AddParameter(command, "limit", query.Limit);
        command.CommandText = "SELECT " + dialect.JsonColumn("run") + " FROM " + dialect.Table("runs")
            + (where.Count == 0 ? string.Empty : " WHERE " + string.Join(" AND ", where))
            + " ORDER BY workflow_run_id LIMIT " + limit + ";";
    }

    /// <summary>The least string above every string that starts with <paramref name="prefix"/>, when one is easy to name.</summary>
    private static string? PrefixUpperBound(string prefix)
    {
        char last = prefix[^1];
        return char.IsSurrogate(last) || last >= '\uD7FF' ? null : string.Concat(prefix.AsSpan(0, prefix.Length - 1), new string((char)(last + 1), 1));
    }
}
