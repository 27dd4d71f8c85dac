using System.Collections.Immutable;
using System.Globalization;
using BulkResume.Internal.Http;
using BulkResume.Internal.Validation;
using BulkResume.Internal.Wire;

namespace BulkResume;

/// <summary>
/// Which runs the run logs list (<see cref="RunsClient.ListAsync"/>): criteria that are AND-ed (labels given more than
/// once are OR-ed), or exact runs by id and creation time. Immutable: every method returns a new filter.
/// </summary>
/// <remarks>
/// Start from <see cref="Create"/>: alone it lists every run, which is allowed because listing changes nothing. Every
/// value is checked before anything is sent, like <see cref="ResumeFilter"/>'s: nothing the service would split on a
/// comma or drop as blank, and no control characters.
/// </remarks>
public sealed class RunFilter
{
    private static readonly RunFilter Empty = new();

    private RunFilter()
    {
    }

    private RunFilter(RunFilter other)
    {
        WorkflowRunId = other.WorkflowRunId;
        WorkflowUrl = other.WorkflowUrl;
        WorkflowCreatedAt = other.WorkflowCreatedAt;
        Runs = other.Runs;
        State = other.State;
        FromDate = other.FromDate;
        ToDate = other.ToDate;
        Labels = other.Labels;
        FlowControlKey = other.FlowControlKey;
        CallerIp = other.CallerIp;
        TrimBody = other.TrimBody;
    }

    private string? WorkflowRunId { get; init; }

    private string? WorkflowUrl { get; init; }

    private DateTimeOffset? WorkflowCreatedAt { get; init; }

    private ImmutableArray<(string WorkflowRunId, long CreatedAt)> Runs { get; init; } = [];

    private WorkflowRunState? State { get; init; }

    private DateTimeOffset? FromDate { get; init; }

    private DateTimeOffset? ToDate { get; init; }

    private ImmutableArray<string> Labels { get; init; } = [];

    private string? FlowControlKey { get; init; }

    private string? CallerIp { get; init; }

    private int? TrimBody { get; init; }

    private bool HasCriteria =>
        WorkflowRunId is not null || WorkflowUrl is not null || WorkflowCreatedAt is not null || State is not null
        || FromDate is not null || ToDate is not null || !Labels.IsEmpty || FlowControlKey is not null || CallerIp is not null;

    /// <summary>A filter with no criteria: every run. Add criteria to narrow it.</summary>
    /// <returns>The empty filter.</returns>
    public static RunFilter Create() => Empty;

    /// <summary>
    /// The runs with exactly this id (<c>workflowRunId</c>). Several runs may share an id: add <see cref="CreatedAt"/>
    /// to pick one. Replaces an earlier value.
    /// </summary>
    /// <param name="workflowRunId">A run's full id, for example <see cref="ResumedRun.WorkflowRunId"/>.</param>
    /// <returns>A new filter.</returns>
    public RunFilter ForWorkflowRunId(string workflowRunId)
    {
        WireText.EnsureValue(workflowRunId, nameof(workflowRunId), "The run id given to RunFilter.ForWorkflowRunId", "a run's full id, as ResumedRun.WorkflowRunId gives it (the logs match it exactly)");
        return WithCriterion(new RunFilter(this) { WorkflowRunId = workflowRunId });
    }

    /// <summary>The runs created at exactly this time (<c>workflowCreatedAt</c>, millisecond precision). Replaces an earlier value.</summary>
    /// <param name="workflowCreatedAt">The run's creation time, for example <see cref="ResumedRun.WorkflowCreatedAt"/>.</param>
    /// <returns>A new filter.</returns>
    public RunFilter CreatedAt(DateTimeOffset workflowCreatedAt) =>
        WithCriterion(new RunFilter(this) { WorkflowCreatedAt = workflowCreatedAt });

    /// <summary>The runs of this workflow URL (<c>workflowUrl</c>, exact match). Replaces an earlier value.</summary>
    /// <param name="workflowUrl">An absolute http or https URL, as the workflow was triggered; without a comma.</param>
    /// <returns>A new filter.</returns>
    public RunFilter ForWorkflowUrl(string workflowUrl)
    {
        WireText.EnsureWorkflowUrl(workflowUrl, nameof(workflowUrl), "The workflow URL given to RunFilter.ForWorkflowUrl", "Select its runs with ForWorkflowRunId(...) or ForRun(...).");
        return WithCriterion(new RunFilter(this) { WorkflowUrl = workflowUrl });
    }

    /// <summary>
    /// Exactly this run, by id and creation time (<c>workflowRuns=id@ms,...</c>). Call again to add runs. The service
    /// ignores every other criterion when runs are named, so this filter refuses them, both ways round;
    /// <see cref="WithBodiesTrimmedTo"/> and <see cref="WithoutBodies"/> still apply.
    /// </summary>
    /// <param name="workflowRunId">The run's full id; without a comma or an <c>@</c>, which the parameter uses as separators.</param>
    /// <param name="createdAt">The run's creation time (millisecond precision).</param>
    /// <returns>A new filter.</returns>
    /// <exception cref="InvalidOperationException">The filter has criteria.</exception>
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

        if (HasCriteria)
        {
            throw new InvalidOperationException(
                "A filter with criteria can't name runs: the service ignores every other criterion when workflowRuns is given. Use either ForRun(...) or the criteria.");
        }

        var run = (workflowRunId, createdAt.ToUnixTimeMilliseconds());
        return new RunFilter(this) { Runs = Runs.Contains(run) ? Runs : Runs.Add(run) };
    }

    /// <summary>The runs in this state (<c>state</c>). Replaces an earlier value.</summary>
    /// <param name="state">The run state; one of those <see cref="WorkflowRunState"/> lists.</param>
    /// <returns>A new filter.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="state"/> is not a state this SDK knows: the service might ignore it and select more.</exception>
    public RunFilter InState(WorkflowRunState state)
    {
        ExtensibleEnum.EnsureKnown(state, nameof(state));
        return WithCriterion(new RunFilter(this) { State = state });
    }

    /// <summary>The runs created at or after <paramref name="from"/> (<c>fromDate</c>).</summary>
    /// <param name="from">The earliest creation time, inclusive.</param>
    /// <returns>A new filter.</returns>
    public RunFilter CreatedAfter(DateTimeOffset from)
    {
        EnsureRange(from, ToDate, nameof(from));
        return WithCriterion(new RunFilter(this) { FromDate = from });
    }

    /// <summary>The runs created at or before <paramref name="to"/> (<c>toDate</c>).</summary>
    /// <param name="to">The latest creation time, inclusive.</param>
    /// <returns>A new filter.</returns>
    public RunFilter CreatedBefore(DateTimeOffset to)
    {
        EnsureRange(FromDate, to, nameof(to));
        return WithCriterion(new RunFilter(this) { ToDate = to });
    }

    /// <summary>The runs created between <paramref name="from"/> and <paramref name="to"/>, both inclusive.</summary>
    /// <param name="from">The earliest creation time.</param>
    /// <param name="to">The latest creation time; not earlier than <paramref name="from"/>.</param>
    /// <returns>A new filter.</returns>
    public RunFilter CreatedBetween(DateTimeOffset from, DateTimeOffset to)
    {
        EnsureRange(from, to, nameof(to));
        return WithCriterion(new RunFilter(this) { FromDate = from, ToDate = to });
    }

    /// <summary>The runs that carry this label (<c>label</c>). Call again to add labels: any of them matches.</summary>
    /// <param name="label">The label; not blank, without a comma or a control character.</param>
    /// <returns>A new filter.</returns>
    public RunFilter WithLabel(string label)
    {
        WireText.EnsureListValue(label, nameof(label), "The label given to RunFilter.WithLabel", "a label the runs were triggered with", "Call WithLabel once per label.");
        return WithCriterion(new RunFilter(this) { Labels = Labels.Contains(label, StringComparer.Ordinal) ? Labels : Labels.Add(label) });
    }

    /// <summary>The runs with this flow-control key (<c>flowControlKey</c>). Replaces an earlier value.</summary>
    /// <param name="flowControlKey">The flow-control key; not blank, without a comma or a control character.</param>
    /// <returns>A new filter.</returns>
    public RunFilter WithFlowControlKey(string flowControlKey)
    {
        WireText.EnsureListValue(
            flowControlKey,
            nameof(flowControlKey),
            "The flow-control key given to RunFilter.WithFlowControlKey",
            "the flow-control key the runs used",
            "A key with a comma can't be selected by this filter.");
        return WithCriterion(new RunFilter(this) { FlowControlKey = flowControlKey });
    }

    /// <summary>The runs triggered from this IP address (<c>callerIp</c>). Replaces an earlier value.</summary>
    /// <param name="callerIp">An IPv4 or IPv6 address.</param>
    /// <returns>A new filter.</returns>
    public RunFilter FromCallerIp(string callerIp)
    {
        WireText.EnsureIpAddress(callerIp, nameof(callerIp), "The caller IP given to RunFilter.FromCallerIp");
        return WithCriterion(new RunFilter(this) { CallerIp = callerIp });
    }

    /// <summary>
    /// Keeps at most <paramref name="maxBytes"/> bytes of each body and step output in the answer (<c>trimBody</c>), to
    /// keep pages small. Not a criterion: it applies with <see cref="ForRun"/> too. Replaces an earlier value.
    /// </summary>
    /// <param name="maxBytes">The bytes to keep, 0 or more.</param>
    /// <returns>A new filter.</returns>
    public RunFilter WithBodiesTrimmedTo(int maxBytes)
    {
        if (maxBytes < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxBytes), maxBytes, "The bytes to keep must be 0 or more. To leave bodies out, use WithoutBodies().");
        }

        return new RunFilter(this) { TrimBody = maxBytes };
    }

    /// <summary>Leaves bodies and step outputs out of the answer (<c>trimBody=-1</c>). Replaces an earlier value.</summary>
    /// <returns>A new filter.</returns>
    public RunFilter WithoutBodies() => new(this) { TrimBody = -1 };

    /// <summary>Describes the filter as the query parameters it sends, for logs and confirmations.</summary>
    /// <returns>For example <c>workflowUrl=https://a/b, state=RUN_FAILED, label=eu</c>, or <c>(empty)</c>.</returns>
    public override string ToString()
    {
        var query = new QueryString();
        AppendTo(query);
        var text = query.Describe();
        return text.Length > 0 ? text : "(empty)";
    }

    /// <summary>Adds the filter's query parameters, in the order of the contract's list.</summary>
    internal void AppendTo(QueryString query)
    {
        if (WorkflowRunId is not null)
        {
            query.Add("workflowRunId", WorkflowRunId);
        }

        if (WorkflowUrl is not null)
        {
            query.Add("workflowUrl", WorkflowUrl);
        }

        if (WorkflowCreatedAt is { } createdAt)
        {
            query.Add("workflowCreatedAt", createdAt.ToUnixTimeMilliseconds());
        }

        if (!Runs.IsEmpty)
        {
            query.Add("workflowRuns", string.Join(',', Runs.Select(run => string.Create(CultureInfo.InvariantCulture, $"{run.WorkflowRunId}@{run.CreatedAt}"))));
        }

        if (State is { } state)
        {
            query.Add("state", state.ToString());
        }

        if (FromDate is { } from)
        {
            query.Add("fromDate", from.ToUnixTimeMilliseconds());
        }

        if (ToDate is { } to)
        {
            query.Add("toDate", to.ToUnixTimeMilliseconds());
        }

        query.AddEach("label", Labels);
        if (FlowControlKey is not null)
        {
            query.Add("flowControlKey", FlowControlKey);
        }

        if (CallerIp is not null)
        {
            query.Add("callerIp", CallerIp);
        }

        if (TrimBody is { } trimBody)
        {
            query.Add("trimBody", trimBody);
        }
    }

    private static void EnsureRange(DateTimeOffset? from, DateTimeOffset? to, string parameterName) =>
        TimeRange.Ensure(from, to, parameterName, nameof(CreatedAfter), nameof(CreatedBefore));

    private RunFilter WithCriterion(RunFilter next)
    {
        if (!Runs.IsEmpty)
        {
            throw new InvalidOperationException(
                "A filter that names runs (ForRun) can't take criteria: the service ignores them when workflowRuns is given. Use either ForRun(...) or the criteria.");
        }

        return next;
    }
}
