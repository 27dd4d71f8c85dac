using System.Data.Common;
using BulkResume.Engine.Storage.Sql;

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

    public override string OrderedJoin => "CROSS JOIN";

    public override string Table(string name) => name;

    public override string JsonColumn(string column) => column;

    public override string StartsWith(string column, string prefix) => $"substr({column}, 1, length({prefix})) = {prefix}";

    public override string InSet(DbCommand command, string column, IReadOnlyList<string> values) =>
        column + " IN (SELECT value FROM json_each(" + AddParameter(command, StoredJson.Serialize(values)) + "))";

    public override string JsonArrayOverlaps(DbCommand command, string jsonColumn, string property, IReadOnlyList<string> values) =>
        $"EXISTS (SELECT 1 FROM json_each({jsonColumn}, '$.{property}') AS item WHERE item.value IN (SELECT value FROM json_each({AddParameter(command, StoredJson.Serialize(values))})))";

    public override string UnionOperand(string select) => "SELECT * FROM (" + select + ")";

    public override string DerivedTable(string union) => "(" + union + ")";
}
