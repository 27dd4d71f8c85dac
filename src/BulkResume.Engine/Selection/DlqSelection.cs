using BulkResume.Engine.Model;
using BulkResume.Engine.Storage;

namespace BulkResume.Engine;

/// <summary>
/// Which DLQ entries an operation acts on. With <see cref="DlqIds"/> exactly those entries are selected and every
/// other filter is ignored. Otherwise the values of one filter are OR-ed and different filters are AND-ed; a filter
/// left empty does not restrict, so an empty selection selects every entry.
/// </summary>
/// <remarks>The filters are the rows of <see cref="SelectionCriteria.Dlq"/>; the properties are typed views of them.</remarks>
public sealed class DlqSelection
{
    /// <summary>The values of each criterion, by its place in the table; <see langword="null"/> where none is given.</summary>
    private readonly IReadOnlyList<object>?[] _values = new IReadOnlyList<object>?[SelectionCriteria.Dlq.Count];

    /// <summary>A selection of every entry.</summary>
    public static DlqSelection All { get; } = new();

    /// <summary>Exact entries; when not empty every other filter is ignored and the operation is all-or-nothing.</summary>
    public IReadOnlyList<string> DlqIds
    {
        get => Texts(SelectionCriteria.DlqIds);
        init => Set(SelectionCriteria.DlqIds, Distinct(value));
    }

    /// <summary>Entries that failed at or after this time.</summary>
    public DateTimeOffset? FromDate
    {
        get => Time(SelectionCriteria.FromDate);
        init => SetNumber(SelectionCriteria.FromDate, value?.UtcTicks);
    }

    /// <summary>Entries that failed at or before this time.</summary>
    public DateTimeOffset? ToDate
    {
        get => Time(SelectionCriteria.ToDate);
        init => SetNumber(SelectionCriteria.ToDate, value?.UtcTicks);
    }

    /// <summary>Entries whose workflow URL is exactly one of these.</summary>
    public IReadOnlyList<string> WorkflowUrls
    {
        get => Texts(SelectionCriteria.WorkflowUrl);
        init => Set(SelectionCriteria.WorkflowUrl, Distinct(value));
    }

    /// <summary>Entries whose run id is this id or starts with this prefix.</summary>
    public string? WorkflowRunId
    {
        get => Texts(SelectionCriteria.WorkflowRunId) is [string prefix] ? prefix : null;
        init => Set(SelectionCriteria.WorkflowRunId, value is null ? null : new[] { value });
    }

    /// <summary>Entries whose run was created at exactly this time (to the millisecond, as on the wire).</summary>
    public DateTimeOffset? WorkflowCreatedAt
    {
        get => _values[SelectionCriteria.WorkflowCreatedAt.Index] is [long milliseconds] ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds) : null;
        init => SetNumber(SelectionCriteria.WorkflowCreatedAt, value?.ToUnixTimeMilliseconds());
    }

    /// <summary>Entries that carry at least one of these labels.</summary>
    public IReadOnlyList<string> Labels
    {
        get => Texts(SelectionCriteria.Label);
        init => Set(SelectionCriteria.Label, Distinct(value));
    }

    /// <summary>Entries whose flow-control key is one of these.</summary>
    public IReadOnlyList<string> FlowControlKeys
    {
        get => Texts(SelectionCriteria.FlowControlKey);
        init => Set(SelectionCriteria.FlowControlKey, Distinct(value));
    }

    /// <summary>Entries whose run was triggered from one of these addresses.</summary>
    public IReadOnlyList<string> CallerIps
    {
        get => Texts(SelectionCriteria.CallerIp);
        init => Set(SelectionCriteria.CallerIp, Distinct(value));
    }

    /// <summary>Entries whose failure callback is in one of these states.</summary>
    public IReadOnlyList<CallbackState> FailureCallbackStates
    {
        get => Texts(SelectionCriteria.FailureFunctionState).Select(Enum.Parse<CallbackState>).ToArray();
        init => Set(SelectionCriteria.FailureFunctionState, Distinct(value?.Select(state => state.ToString())));
    }

    /// <summary>Whether this selection names exact entries (<see cref="DlqIds"/> is not empty).</summary>
    public bool IsByIds => _values[SelectionCriteria.DlqIds.Index] is not null;

    /// <summary>A selection of exactly these entries.</summary>
    /// <param name="dlqIds">The ids of the entries.</param>
    /// <returns>The selection.</returns>
    public static DlqSelection ForIds(params string[] dlqIds) => new() { DlqIds = dlqIds };

    /// <summary>The values given for <paramref name="criterion"/>: text, or <see cref="long"/> integers; empty when it does not restrict.</summary>
    /// <param name="criterion">A row of <see cref="SelectionCriteria.Dlq"/>.</param>
    /// <returns>The values, in the form of the criterion's column.</returns>
    public IReadOnlyList<object> ValuesOf(SelectionCriterion<DlqEntry> criterion)
    {
        ArgumentNullException.ThrowIfNull(criterion);
        return _values[criterion.Index] ?? [];
    }

    /// <summary>Whether <paramref name="entry"/> is selected. Stores that cannot translate the selection use this.</summary>
    /// <param name="entry">A DLQ entry.</param>
    /// <returns><see langword="true"/> when the entry is selected.</returns>
    public bool Matches(DlqEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        IReadOnlyList<SelectionCriterion<DlqEntry>> criteria = SelectionCriteria.Dlq;
        bool byIds = IsByIds;
        for (int i = 0; i < criteria.Count; i++)
        {
            if (_values[i] is { } values && criteria[i].SelectsAlone == byIds && !criteria[i].Matches(entry, values))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A selection of the values parsed from a request, by criterion.</summary>
    internal static DlqSelection Of(IEnumerable<(SelectionCriterion<DlqEntry> Criterion, IReadOnlyList<object> Values)> given)
    {
        var selection = new DlqSelection();
        foreach ((SelectionCriterion<DlqEntry> criterion, IReadOnlyList<object> values) in given)
        {
            selection.Set(criterion, criterion.Rule.IsNumber ? values.Distinct().ToArray() : Distinct(values.Cast<string>()));
        }

        return selection;
    }

    private IReadOnlyList<string> Texts(SelectionCriterion<DlqEntry> criterion) =>
        _values[criterion.Index] is IReadOnlyList<string> texts ? texts : EmptyCollections.Strings;

    private DateTimeOffset? Time(SelectionCriterion<DlqEntry> criterion) =>
        _values[criterion.Index] is [long ticks] ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    private void Set(SelectionCriterion<DlqEntry> criterion, IReadOnlyList<object>? values) =>
        _values[criterion.Index] = values is { Count: > 0 } ? values : null;

    private void SetNumber(SelectionCriterion<DlqEntry> criterion, long? value) =>
        Set(criterion, value is { } number ? new object[] { number } : null);

    private static string[] Distinct(IEnumerable<string>? values) => values?.Distinct(StringComparer.Ordinal).ToArray() ?? [];
}
