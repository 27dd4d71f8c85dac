using System.Data.Common;
using BulkResume.Engine.Storage;

namespace BulkResume.Engine.Sql;

/// <summary>The comparison of a selection criterion's <see cref="CriterionMatch"/>, which both query builders write the same way.</summary>
internal static class SqlCriterion
{
    /// <summary>The condition that <paramref name="column"/> meets <paramref name="criterion"/> for <paramref name="values"/> (at least one, OR-ed).</summary>
    public static string Compare<TRecord>(DbCommand command, SqlDialect dialect, SelectionCriterion<TRecord> criterion, string column, IReadOnlyList<object> values)
    {
        values = StoredValues(criterion, values);
        return criterion.Match switch
        {
            CriterionMatch.Prefix when values.Count == 1 => dialect.StartsWith(column, dialect.AddParameter(command, values[0])),
            CriterionMatch.Prefix => "((" + string.Join(") OR (", values.Select(prefix => dialect.StartsWith(column, dialect.AddParameter(command, prefix)))) + "))",
            CriterionMatch.AtLeast => column + " >= " + dialect.AddParameter(command, values[0]),
            CriterionMatch.AtMost => column + " <= " + dialect.AddParameter(command, values[0]),
            _ when values is IReadOnlyList<string> texts => dialect.InList(command, column, texts),
            _ => column + " IN (" + string.Join(", ", values.Select(number => dialect.AddParameter(command, number))) + ")",
        };
    }

    /// <summary>A criterion's values as its column holds them: the selection names a state by its C# name, the column by its stored text.</summary>
    public static IReadOnlyList<object> StoredValues<TRecord>(SelectionCriterion<TRecord> criterion, IReadOnlyList<object> values) =>
        criterion switch
        {
            SelectionCriterion<DlqEntry> { Storage: CriterionStorage.Column, SqlColumn: "callback_state" } => Texts<CallbackState>(values),
            SelectionCriterion<RunRecord> { Storage: CriterionStorage.Column, SqlColumn: "state" } => Texts<RunState>(values),
            _ => values,
        };

    private static string[] Texts<T>(IReadOnlyList<object> values)
        where T : struct, Enum =>
        values.Select(value => StoredJson.TextOf(Enum.Parse<T>((string)value))).ToArray();
}
