namespace BulkResume.Engine.Sqlite;

/// <summary>Settings of a <see cref="SqliteDlqStore"/>.</summary>
public sealed class SqliteDlqStoreOptions
{
    /// <summary>
    /// How long a write waits for another connection or process to release the file's write lock before it fails
    /// (SQLite's <c>busy_timeout</c>).
    /// </summary>
    /// <value>Defaults to 30 seconds.</value>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
