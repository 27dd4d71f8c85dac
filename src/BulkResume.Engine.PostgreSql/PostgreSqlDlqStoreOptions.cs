namespace BulkResume.Engine.PostgreSql;

/// <summary>Settings of a <see cref="PostgreSqlDlqStore"/>.</summary>
public sealed class PostgreSqlDlqStoreOptions
{
    /// <summary>
    /// The PostgreSQL schema that holds the store's tables; created if missing. Engine instances that share a DLQ use the
    /// same schema; separate DLQs in one database use different ones. Defaults to <c>bulkresume</c>.
    /// </summary>
    public string Schema { get; init; } = "bulkresume";
}
