using System.Data.Common;
using BulkResume.Engine.Storage;

namespace BulkResume.Engine.Sql;

/// <summary>
/// Translates a <see cref="RunQuery"/> into SQL over the <c>runs</c> table, in the order of its key: each criterion of
/// <see cref="SelectionCriteria.Runs"/> given is a condition on the run's columns (<c>created_at</c> in UTC ticks) or, for
/// labels, on its stored JSON; exact runs (<c>workflowRuns</c>), given, are the only condition.
/// </summary>
/// <remarks>
/// The query's one column is the stored run as JSON text. Public so that a store over another SQL database, with its own
/// <see cref="SqlDialect"/>, queries as the PostgreSQL and SQLite stores do.
/// </remarks>
public static class SqlRunQueryBuilder
{
    /// <summary>The runs table's creation time, in UTC ticks.</summary>
    private const string CreatedAt = "created_at";

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
        foreach (SelectionCriterion<RunRecord> criterion in SelectionCriteria.Runs)
        {
            IReadOnlyList<object> values = selection.ValuesOf(criterion);
            if (values.Count > 0 && criterion.SelectsAlone == selection.IsByRuns)
            {
                where.Add(Condition(command, dialect, criterion, values));
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

    /// <summary>The condition that a run meets <paramref name="criterion"/> for <paramref name="values"/> (OR-ed).</summary>
    private static string Condition(DbCommand command, SqlDialect dialect, SelectionCriterion<RunRecord> criterion, IReadOnlyList<object> values) =>
        criterion.Storage switch
        {
            CriterionStorage.IdAtMillisecond => AnyOf(values.Cast<string>().Select(pair =>
            {
                int at = pair.LastIndexOf('@');
                long milliseconds = long.Parse(pair.AsSpan(at + 1), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture);
                return criterion.SqlColumn + " = " + dialect.AddParameter(command, pair[..at]) + " AND " + WithinMillisecond(command, dialect, milliseconds);
            })),
            CriterionStorage.MillisecondOfTicks => AnyOf(values.Select(milliseconds => WithinMillisecond(command, dialect, (long)milliseconds))),
            CriterionStorage.LongTextColumn => AnyOf(values.Select(url => dialect.LongTextEquals(criterion.SqlColumn, dialect.AddParameter(command, url)))),
            CriterionStorage.StoredJson when criterion.ManyPerRecord => dialect.JsonArrayOverlaps(command, "run", criterion.SqlColumn, values.Cast<string>().ToArray()),
            CriterionStorage.StoredJson => SqlCriterion.Compare(command, dialect, criterion, dialect.JsonText("run", criterion.SqlColumn.Split('.')), values),
            _ => SqlCriterion.Compare(command, dialect, criterion, criterion.SqlColumn, values),
        };

    private static string AnyOf(IEnumerable<string> conditions) => "((" + string.Join(") OR (", conditions) + "))";

    /// <summary>The condition that the run was created within the millisecond <paramref name="milliseconds"/> (Unix), as the wire compares times.</summary>
    private static string WithinMillisecond(DbCommand command, SqlDialect dialect, long milliseconds)
    {
        long start = DateTimeOffset.FromUnixTimeMilliseconds(milliseconds).UtcTicks;
        return CreatedAt + " >= " + dialect.AddParameter(command, start) + " AND " + CreatedAt + " < " + dialect.AddParameter(command, start + TimeSpan.TicksPerMillisecond);
    }
}
