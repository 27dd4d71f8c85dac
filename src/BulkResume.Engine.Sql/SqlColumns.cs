using BulkResume.Engine.Storage;

namespace BulkResume.Engine.Sql;

/// <summary>
/// The columns a store writes for an entry, a label and a run, in the order of <see cref="SqlSchema"/>'s tables, and
/// the values of each: one list, so that every store writes the same row for the same entry or run.
/// </summary>
public static class SqlColumns
{
    /// <summary>The columns of <c>dlq_entries</c>.</summary>
    public static IReadOnlyList<string> Entry { get; } =
        ["dlq_id", "created_at", "workflow_url", "workflow_run_id", "workflow_created_ms", "flow_control_key", "caller_ip", "callback_state", "entry"];

    /// <summary>The columns of <c>dlq_labels</c>.</summary>
    public static IReadOnlyList<string> Label { get; } = ["label", "created_at", "dlq_id"];

    /// <summary>The columns of <c>runs</c>; the first is the key.</summary>
    public static IReadOnlyList<string> Run { get; } =
        ["workflow_run_id", "state", "origin", "source_dlq_id", "workflow_url", "created_at", "flow_control_key", "caller_ip", "run"];

    /// <summary>Whether <paramref name="column"/> holds a 64-bit integer (its values are <see cref="long"/>); the others hold text.</summary>
    /// <param name="column">A column of <see cref="Entry"/>, <see cref="Label"/> or <see cref="Run"/>.</param>
    /// <returns><see langword="true"/> for an integer column.</returns>
    public static bool IsInt64(string column) => column is "created_at" or "workflow_created_ms";

    /// <summary>What <c>ON CONFLICT (workflow_run_id) DO UPDATE SET</c> sets when a saved run replaces a stored one: every other column.</summary>
    public static string RunUpdates { get; } = string.Join(", ", Run.Skip(1).Select(column => $"{column} = excluded.{column}"));

    /// <summary>The values of <see cref="Entry"/> for <paramref name="entry"/> (<see langword="null"/> for SQL NULL).</summary>
    /// <param name="entry">The entry.</param>
    /// <returns>The values, in column order.</returns>
    public static object?[] EntryValues(DlqEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return
        [
            entry.DlqId, entry.CreatedAt.UtcTicks, entry.WorkflowUrl, entry.WorkflowRunId, entry.WorkflowCreatedAt.ToUnixTimeMilliseconds(),
            entry.FlowControlKey, entry.CallerIp, entry.FailureCallbackState is { } callback ? StoredJson.TextOf(callback) : null, StoredJson.Serialize(entry),
        ];
    }

    /// <summary>The values of <see cref="Label"/> for each label of <paramref name="entry"/>.</summary>
    /// <param name="entry">The entry.</param>
    /// <returns>One row of values a distinct label.</returns>
    public static IEnumerable<object?[]> LabelValues(DlqEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Labels.Distinct(StringComparer.Ordinal).Select(label => new object?[] { label, entry.CreatedAt.UtcTicks, entry.DlqId });
    }

    /// <summary>The values of <see cref="Run"/> for <paramref name="run"/>.</summary>
    /// <param name="run">The run.</param>
    /// <returns>The values, in column order.</returns>
    public static object?[] RunValues(RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return
        [
            run.WorkflowRunId, StoredJson.TextOf(run.State), StoredJson.TextOf(run.Origin), run.SourceDlqId, run.WorkflowUrl, run.CreatedAt.UtcTicks,
            run.FlowControlKey, run.CallerIp, StoredJson.Serialize(run),
        ];
    }
}
