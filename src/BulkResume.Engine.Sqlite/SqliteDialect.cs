using System.Data.Common;
using BulkResume.Engine.Sql;

namespace BulkResume.Engine.Sqlite;

/// <summary>
/// SQLite's way of writing the store's queries: bare table names, a long list passed as one JSON array read with
/// <c>json_each</c>, <c>substr</c> for prefixes, and <c>CROSS JOIN</c> to keep the label index driving.
/// </summary>
internal sealed class SqliteDialect : SqlDialect
{
    /// <summary>The one instance; the dialect holds no state.</summary>
    public static readonly SqliteDialect Instance = new();

    private SqliteDialect()
    {
    }

    public override string KeyText => "TEXT";

    public override string Int64 => "INTEGER";

    public override string Json => "TEXT";

    public override string LabelTableOptions => " WITHOUT ROWID";

    public override string OrderedJoin => "CROSS JOIN";

    public override string Table(string name) => name;

    // The file has one writer at a time: a claim's rows can't be another transaction's.
    public override string SkipLocked => string.Empty;

    // SQLite's max with two arguments is the scalar (not the aggregate) function.
    public override string Greatest(string first, string second) => $"max({first}, {second})";

    public override string JsonColumn(string column) => column;

    public override string StartsWith(string column, string prefix) => $"substr({column}, 1, length({prefix})) = {prefix}";

    public override string InSet(DbCommand command, string column, IReadOnlyList<string> values) =>
        column + " IN (SELECT value FROM json_each(" + AddParameter(command, JsonArray(values)) + "))";

    public override string JsonArrayOverlaps(DbCommand command, string jsonColumn, string property, IReadOnlyList<string> values) =>
        $"EXISTS (SELECT 1 FROM json_each({jsonColumn}, '$.{property}') AS item WHERE item.value IN (SELECT value FROM json_each({AddParameter(command, JsonArray(values))})))";

    public override string JsonText(string column, params string[] path) => $"json_extract({column}, '$.{string.Join('.', path)}')";

    // julianday reads the stored ISO 8601 time with its offset; the result is rounded to the millisecond it holds.
    public override string JsonTimeTicks(string column, string property) =>
        $"CAST(ROUND((julianday(json_extract({column}, '$.{property}')) - 2440587.5) * 86400000.0) AS INTEGER) * 10000 + 621355968000000000";

    public override string UnionOperand(string select) => "SELECT * FROM (" + select + ")";

    public override string DerivedTable(string union) => "(" + union + ")";
}
