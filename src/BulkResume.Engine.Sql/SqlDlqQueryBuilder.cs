using System.Data.Common;
using System.Text;
using BulkResume.Engine.Model;
using BulkResume.Engine.Selection;
using BulkResume.Engine.Storage;

namespace BulkResume.Engine.Sql;

/// <summary>
/// Translates a <see cref="DlqQuery"/> into SQL that walks an index in key order, criterion by criterion of
/// <see cref="SelectionCriteria.Dlq"/>.
/// </summary>
/// <remarks>
/// <para>The first indexed criterion given "drives": for each of its values a branch reads an index whose columns are
/// (value, created_at, dlq_id), so the branch is a range scan in key order that stops at the limit; the other criteria
/// are checked on the rows the branch visits. The branches' first pages are merged and cut to the limit. With no
/// indexed criterion the key index (created_at, dlq_id) drives.</para>
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
                .Append(dialect.InSet(command, "e." + SelectionCriteria.Dlq.Single(criterion => criterion.SelectsAlone).SqlColumn, selection.DlqIds));
            AppendAfter(sql, command, dialect, query.After, "e");
            sql.Append(" ORDER BY e.created_at, e.dlq_id LIMIT ").Append(limit);
            command.CommandText = sql.ToString();
            return;
        }

        SelectionCriterion<DlqEntry>? driver = SelectionCriteria.Dlq.FirstOrDefault(criterion =>
            criterion.Indexed && criterion.Match == CriterionMatch.OneOf && selection.ValuesOf(criterion).Count > 0);
        IReadOnlyList<object> values = driver is null ? [] : SqlCriterion.StoredValues(driver, selection.ValuesOf(driver));
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
                    // An entry with several values (labels) can be met by two branches; UNION drops the repeat.
                    union.Append(driver!.ManyPerRecord ? " UNION " : " UNION ALL ");
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

    /// <summary>One branch: the entries of the driving criterion's <paramref name="value"/> (every entry without one) that meet every other criterion.</summary>
    private static void AppendBranch(
        StringBuilder sql, DbCommand command, SqlDialect dialect, DlqQuery query, SelectionCriterion<DlqEntry>? driver, object? value, string limit)
    {
        DlqSelection selection = query.Selection;

        // The driving table's alias: its (created_at, dlq_id) columns bound the range and order the branch.
        bool byLabels = driver?.Storage == CriterionStorage.LabelTable;
        string k = byLabels ? "l" : "e";
        string entries = dialect.Table("dlq_entries");
        sql.Append("SELECT ").Append(Columns(dialect));
        sql.Append(byLabels
            ? $" FROM {dialect.Table("dlq_labels")} l {dialect.OrderedJoin} {entries} e ON e.dlq_id = l.dlq_id WHERE 1 = 1"
            : $" FROM {entries} e WHERE 1 = 1");
        if (driver is not null)
        {
            string parameter = dialect.AddParameter(command, value!);
            sql.Append(" AND ").Append(driver.Storage switch
            {
                CriterionStorage.LongTextColumn => dialect.LongTextEquals("e." + driver.SqlColumn, parameter),
                CriterionStorage.LabelTable => "l." + driver.SqlColumn + " = " + parameter,
                _ => "e." + driver.SqlColumn + " = " + parameter,
            });
        }

        AppendAfter(sql, command, dialect, query.After, k);
        foreach (SelectionCriterion<DlqEntry> criterion in SelectionCriteria.Dlq)
        {
            IReadOnlyList<object> given = selection.ValuesOf(criterion);
            if (criterion != driver && given.Count > 0)
            {
                sql.Append(" AND ").Append(Condition(command, dialect, criterion, given, k));
            }
        }

        sql.Append(" ORDER BY ").Append(k).Append(".created_at, ").Append(k).Append(".dlq_id LIMIT ").Append(limit);
    }

    /// <summary>The condition that an entry meets <paramref name="criterion"/>, <paramref name="k"/> being the alias of the table read in key order.</summary>
    private static string Condition(DbCommand command, SqlDialect dialect, SelectionCriterion<DlqEntry> criterion, IReadOnlyList<object> values, string k)
    {
        string column = criterion.Storage switch
        {
            CriterionStorage.KeyTime => k + "." + criterion.SqlColumn,
            CriterionStorage.LabelTable => "x." + criterion.SqlColumn,
            CriterionStorage.StoredJson => dialect.JsonText("e.entry", criterion.SqlColumn.Split('.')),
            _ => "e." + criterion.SqlColumn,
        };
        string condition = SqlCriterion.Compare(command, dialect, criterion, column, values);
        return criterion.Storage == CriterionStorage.LabelTable
            ? "EXISTS (SELECT 1 FROM " + dialect.Table("dlq_labels") + " x WHERE x.dlq_id = e.dlq_id AND " + condition + ")"
            : condition;
    }

    private static void AppendAfter(StringBuilder sql, DbCommand command, SqlDialect dialect, DlqKey? after, string alias)
    {
        if (after is { } position)
        {
            sql.Append(" AND (").Append(alias).Append(".created_at, ").Append(alias).Append(".dlq_id) > (")
                .Append(dialect.AddParameter(command, position.CreatedAt.UtcTicks)).Append(", ").Append(dialect.AddParameter(command, position.DlqId)).Append(')');
        }
    }
}
