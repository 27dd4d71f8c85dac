using BulkResume.Engine.Model;
using BulkResume.Engine.Selection;
using BulkResume.Engine.Storage;

namespace BulkResume.Engine;

/// <summary>Which DLQ entries an operation acts on.</summary>
/// <remarks>
/// <para>With <see cref="DlqIds"/> exactly those entries are selected and every other filter is ignored. Otherwise the
/// values of one filter are OR-ed and different filters are AND-ed; a filter left empty does not restrict, so an empty
/// selection selects every entry.</para>
/// The filters are the rows of <see cref="SelectionCriteria.Dlq"/>; the properties are typed views of them.
/// </remarks>
public sealed class DlqSelection
{
    private readonly CriterionValues<DlqEntry> _values;

    /// <summary>A selection of every entry, to narrow with the properties.</summary>
    public DlqSelection()
        : this(new CriterionValues<DlqEntry>(SelectionCriteria.Dlq))
    {
    }

    private DlqSelection(CriterionValues<DlqEntry> values) => _values = values;

    /// <summary>A selection of every entry.</summary>
    public static DlqSelection All { get; } = new();

    /// <summary>Exact entries; when not empty every other filter is ignored and the operation is all-or-nothing.</summary>
    public IReadOnlyList<string> DlqIds
    {
        get => _values.Texts(SelectionCriteria.DlqIds);
        init => _values.SetTexts(SelectionCriteria.DlqIds, value);
    }

    /// <summary>Entries that failed at or after this time.</summary>
    public DateTimeOffset? FromDate
    {
        get => _values.Time(SelectionCriteria.FromDate);
        init => _values.SetNumber(SelectionCriteria.FromDate, value?.UtcTicks);
    }

    /// <summary>Entries that failed at or before this time.</summary>
    public DateTimeOffset? ToDate
    {
        get => _values.Time(SelectionCriteria.ToDate);
        init => _values.SetNumber(SelectionCriteria.ToDate, value?.UtcTicks);
    }

    /// <summary>Entries whose workflow URL is exactly one of these.</summary>
    public IReadOnlyList<string> WorkflowUrls
    {
        get => _values.Texts(SelectionCriteria.WorkflowUrl);
        init => _values.SetTexts(SelectionCriteria.WorkflowUrl, value);
    }

    /// <summary>Entries whose run id is this id or starts with this prefix.</summary>
    public string? WorkflowRunId
    {
        get => _values.Texts(SelectionCriteria.WorkflowRunId) is [string prefix] ? prefix : null;
        init => _values.SetTexts(SelectionCriteria.WorkflowRunId, value is null ? null : [value]);
    }

    /// <summary>Entries whose run was created at exactly this time (to the millisecond, as on the wire).</summary>
    public DateTimeOffset? WorkflowCreatedAt
    {
        get => _values.Number(SelectionCriteria.WorkflowCreatedAt) is { } milliseconds ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds) : null;
        init => _values.SetNumber(SelectionCriteria.WorkflowCreatedAt, value?.ToUnixTimeMilliseconds());
    }

    /// <summary>Entries that carry at least one of these labels.</summary>
    public IReadOnlyList<string> Labels
    {
        get => _values.Texts(SelectionCriteria.Label);
        init => _values.SetTexts(SelectionCriteria.Label, value);
    }

    /// <summary>Entries whose flow-control key is one of these.</summary>
    public IReadOnlyList<string> FlowControlKeys
    {
        get => _values.Texts(SelectionCriteria.FlowControlKey);
        init => _values.SetTexts(SelectionCriteria.FlowControlKey, value);
    }

    /// <summary>Entries whose run was triggered from one of these addresses.</summary>
    public IReadOnlyList<string> CallerIps
    {
        get => _values.Texts(SelectionCriteria.CallerIp);
        init => _values.SetTexts(SelectionCriteria.CallerIp, value);
    }

    /// <summary>Entries whose failure callback is in one of these states.</summary>
    public IReadOnlyList<CallbackState> FailureCallbackStates
    {
        get => _values.Texts(SelectionCriteria.FailureFunctionState).Select(Enum.Parse<CallbackState>).ToArray();
        init => _values.SetTexts(SelectionCriteria.FailureFunctionState, value?.Select(state => DefinedValue.Of(state, nameof(FailureCallbackStates)).ToString()).ToArray());
    }

    /// <summary>Whether this selection names exact entries (<see cref="DlqIds"/> is not empty).</summary>
    public bool IsByIds => _values.SelectsAlone;

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
        return _values.Of(criterion);
    }

    /// <summary>Whether <paramref name="entry"/> is selected.</summary>
    /// <param name="entry">A DLQ entry.</param>
    /// <returns><see langword="true"/> when the entry is selected.</returns>
    /// <remarks>Stores that cannot translate the selection use this.</remarks>
    public bool Matches(DlqEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return _values.Matches(entry);
    }

    /// <summary>This selection bounded above by <paramref name="time"/>: its own <see cref="ToDate"/> when that is earlier.</summary>
    internal DlqSelection Until(DateTimeOffset time)
    {
        var bounded = new DlqSelection(_values.Copy());
        bounded._values.SetAtMost(SelectionCriteria.ToDate, time.UtcTicks);
        return bounded;
    }

    /// <summary>A selection of the values parsed from a request, by criterion.</summary>
    internal static DlqSelection Of(IEnumerable<(SelectionCriterion<DlqEntry> Criterion, IReadOnlyList<object> Values)> given)
    {
        var selection = new DlqSelection();
        selection._values.SetParsed(given);
        return selection;
    }
}
