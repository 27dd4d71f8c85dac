using System.Data.Common;
using BulkResume.Engine.Sql;

namespace BulkResume.Engine.PostgreSql;

/// <summary>
/// PostgreSQL's way of writing the store's queries: tables qualified by the store's schema, <c>jsonb</c> read as text,
/// lists passed as one array parameter (<c>= ANY(@p)</c>), and Npgsql's bare parameter names.
/// </summary>
/// <param name="schema">The store's schema, quoted as an identifier.</param>
internal sealed class PostgreSqlDialect(string schema) : SqlDialect
{
    public override string KeyText => "text COLLATE \"C\"";

    public override string Int64 => "bigint";

    public override string Json => "jsonb";

    public override string LabelEntryReference => $" REFERENCES {Table("dlq_entries")} (dlq_id) ON DELETE CASCADE";

    public override string OrderedJoin => "JOIN";

    public override string Table(string name) => schema + "." + name;

    public override string SkipLocked => "FOR UPDATE SKIP LOCKED";

    public override string Greatest(string first, string second) => $"GREATEST({first}, {second})";

    public override string JsonColumn(string column) => column + "::text";

    /// <summary>md5 (immutable, so indexable): a workflow URL can be longer than a B-tree index row holds.</summary>
    public override string IndexedText(string column) => $"md5({column})";

    public override string StartsWith(string column, string prefix) => $"left({column}, length({prefix})) = {prefix}";

    public override string InSet(DbCommand command, string column, IReadOnlyList<string> values) =>
        column + " = ANY(" + AddParameter(command, values.ToArray()) + ")";

    public override string InList(DbCommand command, string column, IReadOnlyList<string> values) => InSet(command, column, values);

    public override string JsonArrayOverlaps(DbCommand command, string jsonColumn, string property, IReadOnlyList<string> values) =>
        $"jsonb_exists_any({jsonColumn} -> '{property}', {AddParameter(command, values.ToArray())})";

    public override string JsonText(string column, params string[] path) =>
        column + string.Concat(path.Select((name, i) => (i == path.Length - 1 ? " ->> '" : " -> '") + name + "'"));

    public override string JsonTimeTicks(string column, string property) =>
        $"(EXTRACT(EPOCH FROM ({column} ->> '{property}')::timestamptz) * 10000000)::bigint + 621355968000000000";

    public override string UnionOperand(string select) => "(" + select + ")";

    public override string DerivedTable(string union) => "(" + union + ") AS b";

    protected override string ParameterName(string name) => name;
}
