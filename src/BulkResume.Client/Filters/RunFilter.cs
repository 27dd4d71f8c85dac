using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using BulkResume.Internal.Http;
using BulkResume.Internal.Selection;
using BulkResume.Internal.Validation;
using BulkResume.Internal.Wire;

namespace BulkResume;

/// <summary>
/// Which runs the run logs list (<see cref="RunsClient.ListAsync"/>): criteria that are AND-ed (labels given more than
/// once are OR-ed), or exact runs by id and creation time.
/// </summary>
/// <remarks>
/// <para>Immutable: every method returns a new filter.</para>
/// Start from <see cref="Create"/>: alone it lists every run, which is allowed because listing changes nothing. Every
/// value is checked before anything is sent, like <see cref="ResumeFilter"/>'s: nothing the service would split on a
/// comma or drop as blank, and no control characters. Methods of the same name as <see cref="ResumeFilter"/>'s do the
/// same: <see cref="ForWorkflowUrl"/>, <see cref="WithLabel"/>, <see cref="WithFlowControlKey"/> and
/// <see cref="FromCallerIp"/> add a value, but the logs take one URL, key and address, so a second one is refused;
/// <see cref="ForRun"/> adds a run; the others replace the value set before.
/// </remarks>
public sealed class RunFilter
{
    private static readonly RunFilter Empty = new(CriterionValues.None, [], trimBody: null);

    private readonly CriterionValues _criteria;
    private readonly ImmutableArray<(string WorkflowRunId, long CreatedAt)> _runs;
    private readonly int? _trimBody;

    private RunFilter(CriterionValues criteria, ImmutableArray<(string WorkflowRunId, long CreatedAt)> runs, int? trimBody)
    {
        _criteria = criteria;
        _runs = runs;
        _trimBody = trimBody;
    }

    /// <summary>A filter with no criteria: every run.</summary>
    /// <returns>The empty filter.</returns>
    /// <remarks>Add criteria to narrow it.</remarks>
    public static RunFilter Create() => Empty;

    /// <summary>The runs with exactly this id (<c>workflowRunId</c>).</summary>
    /// <param name="workflowRunId">A run's full id, for example <see cref="ResumedRun.WorkflowRunId"/>.</param>
    /// <returns>A new filter.</returns>
    /// <remarks>
    /// Several runs may share an id: add <see cref="CreatedAt"/> to pick one. Replaces an earlier value.
    /// </remarks>
    public RunFilter ForWorkflowRunId(string workflowRunId) => Replace(SelectionCriteria.RunId, workflowRunId, nameof(workflowRunId));

    /// <summary>The runs created at exactly this time (<c>workflowCreatedAt</c>, millisecond precision).</summary>
    /// <param name="workflowCreatedAt">The run's creation time, for example <see cref="ResumedRun.WorkflowCreatedAt"/>.</param>
    /// <returns>A new filter.</returns>
    /// <remarks>Replaces an earlier value.</remarks>
    public RunFilter CreatedAt(DateTimeOffset workflowCreatedAt) =>
        WithCriteria(_criteria.Replace(SelectionCriteria.WorkflowCreatedAt, workflowCreatedAt.ToUnixTimeMilliseconds()));

    /// <summary>The runs of this workflow URL (<c>workflowUrl</c>, exact match).</summary>
    /// <param name="workflowUrl">An absolute http or https URL, as the workflow was triggered; without a comma.</param>
    /// <returns>A new filter.</returns>
    /// <exception cref="InvalidOperationException">The filter has another workflow URL.</exception>
    /// <remarks>Adds the URL, as on <see cref="ResumeFilter"/>; the logs take one, so another one is refused.</remarks>
    public RunFilter ForWorkflowUrl(string workflowUrl) => Add(SelectionCriteria.RunWorkflowUrl, workflowUrl, nameof(workflowUrl));

    /// <summary>Exactly this run, by id and creation time (<c>workflowRuns=id@ms,...</c>).</summary>
    /// <param name="workflowRunId">The run's full id; without a comma or an <c>@</c>, which the parameter uses as separators.</param>
    /// <param name="createdAt">The run's creation time (millisecond precision).</param>
    /// <returns>A new filter.</returns>
    /// <exception cref="InvalidOperationException">The filter has criteria.</exception>
    /// <remarks>
    /// Call again to add runs. The service ignores every other criterion when runs are named, so this filter refuses
    /// them, both ways round; <see cref="WithBodiesTrimmedTo"/> and <see cref="WithoutBodies"/> still apply.
    /// </remarks>
    public RunFilter ForRun(string workflowRunId, DateTimeOffset createdAt)
    {
        const string Subject = "The run id given to RunFilter.ForRun";
        const string OtherWay = "Select such a run with ForWorkflowRunId(id).CreatedAt(createdAt) instead.";
        WireText.EnsureListValue(workflowRunId, nameof(workflowRunId), Subject, "a run's full id, as ResumedRun.WorkflowRunId gives it", OtherWay);
        var at = workflowRunId.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"{Subject} has an '@' at index {at}: workflowRuns separates each id from its creation time with '@', so the service would read another run. {OtherWay}"),
                nameof(workflowRunId));
        }

        if (!_criteria.IsEmpty)
        {
            throw new InvalidOperationException(
                "A filter with criteria can't name runs: the service ignores every other criterion when workflowRuns is given. Use either ForRun(...) or the criteria.");
        }

        var run = (workflowRunId, createdAt.ToUnixTimeMilliseconds());
        return new RunFilter(_criteria, _runs.Contains(run) ? _runs : _runs.Add(run), _trimBody);
    }

    /// <summary>The runs in this state (<c>state</c>).</summary>
    /// <param name="state">The run state; one of those <see cref="WorkflowRunState"/> lists.</param>
    /// <returns>A new filter.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="state"/> is not a state this SDK knows: the service might ignore it and select more.</exception>
    /// <remarks>Replaces an earlier value.</remarks>
    public RunFilter InState(WorkflowRunState state)
    {
        ExtensibleEnum.EnsureKnown(state, nameof(state));
        return WithCriteria(_criteria.Replace(SelectionCriteria.RunState, state.ToString()));
    }

    /// <summary>The runs created at or after <paramref name="from"/> (<c>fromDate</c>).</summary>
    /// <param name="from">The earliest creation time, inclusive.</param>
    /// <returns>A new filter.</returns>
    /// <remarks>Replaces an earlier value.</remarks>
    public RunFilter CreatedAfter(DateTimeOffset from) => WithCreationTimes(from, to: null, nameof(from));

    /// <summary>The runs created at or before <paramref name="to"/> (<c>toDate</c>).</summary>
    /// <param name="to">The latest creation time, inclusive.</param>
    /// <returns>A new filter.</returns>
    /// <remarks>Replaces an earlier value.</remarks>
    public RunFilter CreatedBefore(DateTimeOffset to) => WithCreationTimes(from: null, to, nameof(to));

    /// <summary>The runs created between <paramref name="from"/> and <paramref name="to"/>, both inclusive.</summary>
    /// <param name="from">The earliest creation time.</param>
    /// <param name="to">The latest creation time; not earlier than <paramref name="from"/>.</param>
    /// <returns>A new filter.</returns>
    /// <remarks>Replaces both bounds.</remarks>
    public RunFilter CreatedBetween(DateTimeOffset from, DateTimeOffset to) => WithCreationTimes(from, to, nameof(to));

    /// <summary>The runs that carry this label (<c>label</c>).</summary>
    /// <param name="label">The label; not blank, without a comma or a control character.</param>
    /// <returns>A new filter.</returns>
    /// <remarks>Adds a label: any of them matches.</remarks>
    public RunFilter WithLabel(string label) => Add(SelectionCriteria.Label, label, nameof(label));

    /// <summary>The runs with this flow-control key (<c>flowControlKey</c>).</summary>
    /// <param name="flowControlKey">The flow-control key; not blank, without a comma or a control character.</param>
    /// <returns>A new filter.</returns>
    /// <exception cref="InvalidOperationException">The filter has another flow-control key.</exception>
    /// <remarks>Adds the key, as on <see cref="ResumeFilter"/>; the logs take one, so another one is refused.</remarks>
    public RunFilter WithFlowControlKey(string flowControlKey) => Add(SelectionCriteria.RunFlowControlKey, flowControlKey, nameof(flowControlKey));

    /// <summary>The runs triggered from this IP address (<c>callerIp</c>).</summary>
    /// <param name="callerIp">An IPv4 or IPv6 address.</param>
    /// <returns>A new filter.</returns>
    /// <exception cref="InvalidOperationException">The filter has another caller IP.</exception>
    /// <remarks>
    /// Adds the address, as on <see cref="ResumeFilter"/>; the logs take one, so another one is refused.
    /// </remarks>
    public RunFilter FromCallerIp(string callerIp) => Add(SelectionCriteria.RunCallerIp, callerIp, nameof(callerIp));

    /// <summary>
    /// Keeps at most <paramref name="maxBytes"/> bytes of each body and step output in the answer (<c>trimBody</c>), to
    /// keep pages small.
    /// </summary>
    /// <param name="maxBytes">The bytes to keep, 0 or more.</param>
    /// <returns>A new filter.</returns>
    /// <remarks>Not a criterion: it applies with <see cref="ForRun"/> too. Replaces an earlier value.</remarks>
    public RunFilter WithBodiesTrimmedTo(int maxBytes)
    {
        if (maxBytes < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxBytes), maxBytes, "The bytes to keep must be 0 or more. To leave bodies out, use WithoutBodies().");
        }

        return new RunFilter(_criteria, _runs, maxBytes);
    }

    /// <summary>Leaves bodies and step outputs out of the answer (<c>trimBody=-1</c>).</summary>
    /// <returns>A new filter.</returns>
    /// <remarks>Replaces an earlier value.</remarks>
    public RunFilter WithoutBodies() => new(_criteria, _runs, trimBody: -1);

    /// <summary>Describes the filter as the query parameters it sends, for logs and confirmations.</summary>
    /// <returns>For example <c>workflowUrl=https://a/b, state=RUN_FAILED, label=eu</c>, or <c>(empty)</c>.</returns>
    public override string ToString() => QueryString.Describe(AppendTo, "(empty)");

    /// <summary>Adds the filter's query parameters: the criteria in the table's order, then the runs named, then <c>trimBody</c>.</summary>
    internal void AppendTo(QueryString query)
    {
        _criteria.AppendTo(query);
        if (!_runs.IsEmpty)
        {
            query.Add("workflowRuns", string.Join(',', _runs.Select(run => string.Create(CultureInfo.InvariantCulture, $"{run.WorkflowRunId}@{run.CreatedAt}"))));
        }

        if (_trimBody is { } trimBody)
        {
            query.Add("trimBody", trimBody);
        }
    }

    /// <summary>Refuses, before anything is sent, criteria that <paramref name="operation"/> does not take.</summary>
    internal void EnsureFor(SelectionOperations operation, string operationName, string parameterName) =>
        _criteria.EnsureTakenBy(operation, operationName, parameterName);

    private RunFilter Add(Criterion row, string value, string parameterName, [CallerMemberName] string method = "") =>
        WithCriteria(_criteria.Add(row, value, parameterName, $"{nameof(RunFilter)}.{method}"));

    private RunFilter Replace(Criterion row, string value, string parameterName, [CallerMemberName] string method = "") =>
        WithCriteria(_criteria.Replace(row, value, parameterName, $"{nameof(RunFilter)}.{method}"));

    private RunFilter WithCreationTimes(DateTimeOffset? from, DateTimeOffset? to, string parameterName) =>
        WithCriteria(_criteria.WithRange(SelectionCriteria.CreatedFrom, SelectionCriteria.CreatedTo, from, to, parameterName, nameof(CreatedAfter), nameof(CreatedBefore)));

    /// <summary>The filter with these criteria; a filter that names runs refuses them, since the service would ignore them.</summary>
    private RunFilter WithCriteria(CriterionValues criteria)
    {
        if (!_runs.IsEmpty)
        {
            throw new InvalidOperationException(
                "A filter that names runs (ForRun) can't take criteria: the service ignores them when workflowRuns is given. Use either ForRun(...) or the criteria.");
        }

        return new RunFilter(criteria, _runs, _trimBody);
    }
}
