using BulkResume.Engine.Model;

namespace BulkResume.Engine;

/// <summary>
/// Which DLQ entries an operation acts on. With <see cref="DlqIds"/> exactly those entries are selected and every
/// other filter is ignored. Otherwise the values of one filter are OR-ed and different filters are AND-ed; a filter
/// left empty does not restrict, so an empty selection selects every entry.
/// </summary>
public sealed class DlqSelection
{
    private readonly IReadOnlyList<string> _dlqIds = EmptyCollections.Strings;
    private readonly IReadOnlyList<string> _workflowUrls = EmptyCollections.Strings;
    private readonly IReadOnlyList<string> _labels = EmptyCollections.Strings;
    private readonly IReadOnlyList<string> _flowControlKeys = EmptyCollections.Strings;
    private readonly IReadOnlyList<string> _callerIps = EmptyCollections.Strings;
    private readonly IReadOnlyList<CallbackState> _failureCallbackStates = [];

    /// <summary>A selection of every entry.</summary>
    public static DlqSelection All { get; } = new();

    /// <summary>Exact entries; when not empty every other filter is ignored and the operation is all-or-nothing.</summary>
    public IReadOnlyList<string> DlqIds
    {
        get => _dlqIds;
        init => _dlqIds = Distinct(value);
    }

    /// <summary>Entries that failed at or after this time.</summary>
    public DateTimeOffset? FromDate { get; init; }

    /// <summary>Entries that failed at or before this time.</summary>
    public DateTimeOffset? ToDate { get; init; }

    /// <summary>Entries whose workflow URL is exactly one of these.</summary>
    public IReadOnlyList<string> WorkflowUrls
    {
        get => _workflowUrls;
        init => _workflowUrls = Distinct(value);
    }

    /// <summary>Entries whose run id is this id or starts with this prefix.</summary>
    public string? WorkflowRunId { get; init; }

    /// <summary>Entries whose run was created at exactly this time (to the millisecond, as on the wire).</summary>
    public DateTimeOffset? WorkflowCreatedAt { get; init; }

    /// <summary>Entries that carry at least one of these labels.</summary>
    public IReadOnlyList<string> Labels
    {
        get => _labels;
        init => _labels = Distinct(value);
    }

    /// <summary>Entries whose flow-control key is one of these.</summary>
    public IReadOnlyList<string> FlowControlKeys
    {
        get => _flowControlKeys;
        init => _flowControlKeys = Distinct(value);
    }

    /// <summary>Entries whose run was triggered from one of these addresses.</summary>
    public IReadOnlyList<string> CallerIps
    {
        get => _callerIps;
        init => _callerIps = Distinct(value);
    }

    /// <summary>Entries whose failure callback is in one of these states.</summary>
    public IReadOnlyList<CallbackState> FailureCallbackStates
    {
        get => _failureCallbackStates;
        init => _failureCallbackStates = value is null ? [] : value.Distinct().ToArray();
    }

    /// <summary>Whether this selection names exact entries (<see cref="DlqIds"/> is not empty).</summary>
    public bool IsByIds => _dlqIds.Count > 0;

    /// <summary>A selection of exactly these entries.</summary>
    /// <param name="dlqIds">The ids of the entries.</param>
    /// <returns>The selection.</returns>
    public static DlqSelection ForIds(params string[] dlqIds) => new() { DlqIds = dlqIds };

    /// <summary>Whether <paramref name="entry"/> is selected. Stores that cannot translate the selection use this.</summary>
    /// <param name="entry">A DLQ entry.</param>
    /// <returns><see langword="true"/> when the entry is selected.</returns>
    public bool Matches(DlqEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (IsByIds)
        {
            return Contains(_dlqIds, entry.DlqId);
        }

        return (FromDate is not { } from || entry.CreatedAt >= from)
            && (ToDate is not { } to || entry.CreatedAt <= to)
            && (_workflowUrls.Count == 0 || Contains(_workflowUrls, entry.WorkflowUrl))
            && (WorkflowRunId is null || entry.WorkflowRunId.StartsWith(WorkflowRunId, StringComparison.Ordinal))
            && (WorkflowCreatedAt is not { } created
                || entry.WorkflowCreatedAt.ToUnixTimeMilliseconds() == created.ToUnixTimeMilliseconds())
            && (_labels.Count == 0 || entry.Labels.Any(label => Contains(_labels, label)))
            && (_flowControlKeys.Count == 0 || (entry.FlowControlKey is { } key && Contains(_flowControlKeys, key)))
            && (_callerIps.Count == 0 || (entry.CallerIp is { } ip && Contains(_callerIps, ip)))
            && (_failureCallbackStates.Count == 0
                || (entry.FailureCallbackInfo is { } info && _failureCallbackStates.Contains(info.State)));
    }

    private static bool Contains(IReadOnlyList<string> values, string value)
    {
        for (int i = 0; i < values.Count; i++)
        {
            if (string.Equals(values[i], value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static IReadOnlyList<string> Distinct(IEnumerable<string>? values) =>
        EmptyCollections.Freeze(values?.Distinct(StringComparer.Ordinal), EmptyCollections.Strings);
}
