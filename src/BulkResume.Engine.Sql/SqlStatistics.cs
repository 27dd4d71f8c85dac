using System.Data.Common;
using BulkResume.Engine.Storage;

namespace BulkResume.Engine.Sql;

/// <summary>The statistics of a SQL store: one statement, so the counts describe one moment, and the reading of its rows.</summary>
public static class SqlStatistics
{
    /// <summary>The statement: the entry count (a row with NULL state and origin), then the run count of each state and origin.</summary>
    /// <param name="dialect">The database's dialect.</param>
    /// <returns>The SQL text.</returns>
    public static string Query(SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        return $"SELECT NULL, NULL, COUNT(*) FROM {dialect.Table("dlq_entries")} UNION ALL SELECT state, origin, COUNT(*) FROM {dialect.Table("runs")} GROUP BY state, origin;";
    }

    /// <summary>Reads what <see cref="Query"/> answers.</summary>
    /// <param name="reader">The answer.</param>
    /// <param name="cancellationToken">Cancels the reading.</param>
    /// <returns>The counts.</returns>
    public static async Task<DlqStoreStatistics> ReadAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        long entries = 0;
        var byState = new Dictionary<RunState, long>();
        var byOrigin = new Dictionary<WorkflowRunOrigin, long>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            long count = reader.GetInt64(2);
            if (reader.IsDBNull(0))
            {
                entries = count;
                continue;
            }

            RunState state = StoredJson.Parse<RunState>(reader.GetString(0));
            WorkflowRunOrigin origin = StoredJson.Parse<WorkflowRunOrigin>(reader.GetString(1));
            byState[state] = byState.GetValueOrDefault(state) + count;
            byOrigin[origin] = byOrigin.GetValueOrDefault(origin) + count;
        }

        return new DlqStoreStatistics(entries, byState, byOrigin);
    }
}
