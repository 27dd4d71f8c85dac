using System.Data.Common;
using BulkResume.Engine.Storage.Sql;

namespace BulkResume.Engine.PostgreSql;

/// <summary>
/// PostgreSQL's way of writing the store's queries: tables qualified by the store's schema, <c>jsonb</c> read as text,
/// lists passed as one array parameter (<c>= ANY(@p)</c>), and Npgsql's bare parameter names.
/// </summary>
/// <param name="schema">The store's schema, quoted as an identifier.</param>
internal sealed class PostgreSqlDialect(string schema) : SqlDialect
{
    public override string OrderedJoin => "JOIN";

    public override string Table(string name) => schema + "." + name;

    public override string JsonColumn(string column) => column + "::text";

    public override string StartsWith(string column, string prefix) => $"left({column}, length({prefix})) = {prefix}";

    public override string InSet(DbCommand command, string column, IReadOnlyList<string> values) =>
        column + " = ANY(" + AddParameter(command, values.ToArray()) + ")";

    public override string InList(DbCommand command, string column, IReadOnlyList<string> values) => InSet(command, column, values);

    public override string JsonArrayOverlaps(DbCommand command, string jsonColumn, string property, IReadOnlyList<string> values) =>
        $"jsonb_exists_any({jsonColumn} -> '{property}', {AddParameter(command, values.ToArray())})";

    public override string UnionOperand(string select) => "(" + select + ")";

    public override string DerivedTable(string union) => "(" + union + ") AS b";

    protected override string ParameterName(string name) => name;
}
