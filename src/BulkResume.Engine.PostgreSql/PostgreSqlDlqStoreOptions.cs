namespace BulkResume.Engine.PostgreSql;

/// <summary>Settings of a <see cref="PostgreSqlDlqStore"/>.</summary>
public sealed class PostgreSqlDlqStoreOptions
{
    /// <summary>The PostgreSQL schema that holds the store's tables; created if missing.</summary>
    /// <value>Defaults to <c>bulkresume</c>.</value>
    /// <remarks>
    /// Engine instances that share a DLQ use the same schema; separate DLQs in one database use different ones.
    /// </remarks>
    public string Schema { get; init; } = "bulkresume";
}
