using BulkResume.Engine.Model;
using BulkResume.Engine.Selection;
using BulkResume.Engine.Storage;
using Criteria = BulkResume.Engine.Storage.SelectionCriteria.Run;

namespace BulkResume.Engine;

/// <summary>Which runs the run logs show, or a cancel of runs acts on.</summary>
/// <remarks>
/// <para>With <see cref="Runs"/>, exactly those runs (each by id and creation time) and every other filter is ignored
/// by the run logs, as the service does (a cancel refuses the other filters beside them); otherwise the filters are AND-ed (the labels OR-ed among themselves), and a filter left empty
/// does not restrict, so an empty selection shows every run.</para>
/// The filters are the rows of <see cref="SelectionCriteria.Runs"/>; the properties are typed views of them.
/// </remarks>
public sealed class RunSelection
{
    private readonly CriterionValues<RunRecord> _values;

    /// <summary>A selection of every run, to narrow with the properties.</summary>
    public RunSelection()
        : this(new CriterionValues<RunRecord>(SelectionCriteria.Runs))
    {
    }

    private RunSelection(CriterionValues<RunRecord> values) => _values = values;

    /// <summary>Every run.</summary>
    public static RunSelection All { get; } = new();

    /// <summary>Exactly these runs (<c>workflowRuns=id@createdAt,...</c>); when not empty every other filter is ignored.</summary>
    public IReadOnlyList<RunReference> Runs
    {
        get => _values.Texts(Criteria.WorkflowRuns).Select(pair => RunReference.TryParsePair(pair, signed: true)!.Value).ToArray();
        init => _values.SetTexts(Criteria.WorkflowRuns, value?.Select(run => run.ToPair()));
    }

    /// <summary>The runs with exactly this id (<c>workflowRunId</c>).</summary>
    public string? WorkflowRunId
    {
        get => Text(Criteria.WorkflowRunId);
        init => SetText(Criteria.WorkflowRunId, value);
    }

    /// <summary>The runs of exactly this workflow URL (<c>workflowUrl</c>).</summary>
    public string? WorkflowUrl
    {
        get => Text(Criteria.WorkflowUrl);
        init => SetText(Criteria.WorkflowUrl, value);
    }

    /// <summary>The runs created at exactly this time, to the millisecond (<c>workflowCreatedAt</c>).</summary>
    public DateTimeOffset? WorkflowCreatedAt
    {
        get => _values.Number(Criteria.WorkflowCreatedAt) is { } milliseconds ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds) : null;
        init => _values.SetNumber(Criteria.WorkflowCreatedAt, value?.ToUnixTimeMilliseconds());
    }

    /// <summary>The runs in this state (<c>state</c>).</summary>
    public RunState? State
    {
        get => Text(Criteria.State) is { } state ? Enum.Parse<RunState>(state) : null;
        init => SetText(Criteria.State, value is { } state ? DefinedValue.Of(state, nameof(State)).ToString() : null);
    }

    /// <summary>The runs created at or after this time (<c>fromDate</c>).</summary>
    public DateTimeOffset? FromDate
    {
        get => _values.Time(Criteria.FromDate);
        init => _values.SetNumber(Criteria.FromDate, value?.UtcTicks);
    }

    /// <summary>The runs created at or before this time (<c>toDate</c>).</summary>
    public DateTimeOffset? ToDate
    {
        get => _values.Time(Criteria.ToDate);
        init => _values.SetNumber(Criteria.ToDate, value?.UtcTicks);
    }

    /// <summary>The runs that carry at least one of these labels (<c>label</c>).</summary>
    public IReadOnlyList<string> Labels
    {
        get => _values.Texts(Criteria.Label);
        init => _values.SetTexts(Criteria.Label, value);
    }

    /// <summary>The runs with this flow-control key (<c>flowControlKey</c>).</summary>
    public string? FlowControlKey
    {
        get => Text(Criteria.FlowControlKey);
        init => SetText(Criteria.FlowControlKey, value);
    }

    /// <summary>The runs triggered from this address (<c>callerIp</c>).</summary>
    public string? CallerIp
    {
        get => Text(Criteria.CallerIp);
        init => SetText(Criteria.CallerIp, value);
    }

    /// <summary>Whether this selection names exact runs (<see cref="Runs"/> is not empty).</summary>
    public bool IsByRuns => _values.SelectsAlone;

    /// <summary>The runs a bulk cancel names by id (<c>workflowRunIds</c>); empty when it names none.</summary>
    internal IReadOnlyList<string> WorkflowRunIds => _values.Texts(Criteria.WorkflowRunIds);

    /// <summary>The values given for <paramref name="criterion"/>: text, or <see cref="long"/> integers; empty when it does not restrict.</summary>
    /// <param name="criterion">A row of <see cref="SelectionCriteria.Runs"/>.</param>
    /// <returns>The values, in the form the stores compare.</returns>
    public IReadOnlyList<object> ValuesOf(SelectionCriterion<RunRecord> criterion)
    {
        ArgumentNullException.ThrowIfNull(criterion);
        return _values.Of(criterion);
    }

    /// <summary>Whether <paramref name="run"/> is selected.</summary>
    /// <param name="run">A run.</param>
    /// <returns><see langword="true"/> when the run is selected.</returns>
    /// <remarks>Stores that cannot translate the selection use this.</remarks>
    public bool Matches(RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return _values.Matches(run);
    }

    /// <summary>This selection, further narrowed to the runs in <paramref name="state"/>.</summary>
    internal RunSelection InState(RunState state)
    {
        var narrowed = new RunSelection(_values.Copy());
        narrowed._values.SetTexts(Criteria.State, [state.ToString()]);
        return narrowed;
    }

    /// <summary>This selection bounded above by <paramref name="time"/>: its own <see cref="ToDate"/> when that is earlier.</summary>
    internal RunSelection Until(DateTimeOffset time)
    {
        var bounded = new RunSelection(_values.Copy());
        bounded._values.SetAtMost(Criteria.ToDate, time.UtcTicks);
        return bounded;
    }

    /// <summary>A selection of the values parsed from a request, by criterion.</summary>
    internal static RunSelection Of(IEnumerable<(SelectionCriterion<RunRecord> Criterion, IReadOnlyList<object> Values)> given)
    {
        var selection = new RunSelection();
        selection._values.SetParsed(given);
        return selection;
    }

    private string? Text(SelectionCriterion<RunRecord> criterion) => _values.Texts(criterion) is [string text] ? text : null;

    private void SetText(SelectionCriterion<RunRecord> criterion, string? value) => _values.SetTexts(criterion, value is null ? null : [value]);
}
