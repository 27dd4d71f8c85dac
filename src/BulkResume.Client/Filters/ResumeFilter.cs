using System.Collections.Immutable;
using BulkResume.Internal.Http;
using BulkResume.Internal.Validation;
using BulkResume.Internal.Wire;

namespace BulkResume;

/// <summary>
/// Which DLQ entries an operation acts on: explicit DLQ ids, every entry, or criteria that are AND-ed
/// (values given for one criterion more than once are OR-ed). Immutable: every method returns a new filter.
/// </summary>
/// <remarks>
/// Start from <see cref="Create"/>, <see cref="ForDlqIds(string[])"/> or <see cref="All"/>. A bulk action refuses
/// an empty <see cref="Create"/> so that nobody acts on the whole DLQ by accident: ask for that with <see cref="All"/>.
/// </remarks>
public sealed class ResumeFilter
{
    private const string EverythingHint = "To act on every entry in the DLQ, use ResumeFilter.All().";

    private static readonly ResumeFilter Empty = new();
    private static readonly ResumeFilter Everything = new() { IsAll = true };

    private ResumeFilter()
    {
    }

    private ResumeFilter(ResumeFilter other)
    {
        DlqIds = other.DlqIds;
        IsAll = other.IsAll;
        FromDate = other.FromDate;
        ToDate = other.ToDate;
        WorkflowUrls = other.WorkflowUrls;
        WorkflowRunId = other.WorkflowRunId;
        WorkflowCreatedAt = other.WorkflowCreatedAt;
        Labels = other.Labels;
        FlowControlKeys = other.FlowControlKeys;
        CallerIps = other.CallerIps;
        FailureCallbackStates = other.FailureCallbackStates;
    }

    /// <summary>The explicit ids, or empty when the filter uses criteria.</summary>
    internal ImmutableArray<string> DlqIds { get; private init; } = [];

    internal bool IsAll { get; private init; }

    internal DateTimeOffset? FromDate { get; private init; }

    internal DateTimeOffset? ToDate { get; private init; }

    internal ImmutableArray<string> WorkflowUrls { get; private init; } = [];

    internal string? WorkflowRunId { get; private init; }

    internal DateTimeOffset? WorkflowCreatedAt { get; private init; }

    internal ImmutableArray<string> Labels { get; private init; } = [];

    internal ImmutableArray<string> FlowControlKeys { get; private init; } = [];

    internal ImmutableArray<string> CallerIps { get; private init; } = [];

    internal ImmutableArray<FailureCallbackState> FailureCallbackStates { get; private init; } = [];

    /// <summary><see langword="true"/> when the filter names explicit DLQ ids.</summary>
    internal bool HasDlqIds => !DlqIds.IsEmpty;

    private bool HasCriteria =>
        FromDate is not null || ToDate is not null || !WorkflowUrls.IsEmpty || WorkflowRunId is not null
        || WorkflowCreatedAt is not null || !Labels.IsEmpty || !FlowControlKeys.IsEmpty || !CallerIps.IsEmpty
        || !FailureCallbackStates.IsEmpty;

    /// <summary>An empty filter to add criteria to. Alone it selects nothing a bulk action will accept.</summary>
    /// <returns>A filter with no criteria.</returns>
    public static ResumeFilter Create() => Empty;

    /// <summary>Every entry in the DLQ, asked for explicitly (the official SDK's <c>{ all: true }</c>).</summary>
    /// <returns>A filter that selects every entry.</returns>
    public static ResumeFilter All() => Everything;

    /// <summary>Exactly these DLQ entries. More than 50 ids are sent in requests of at most 50, in order.</summary>
    /// <param name="dlqIds">The DLQ ids; at least one, none blank, none with a comma or a control character. Duplicates are sent once.</param>
    /// <returns>A filter of explicit ids.</returns>
    public static ResumeFilter ForDlqIds(params string[] dlqIds) => ForDlqIds((IEnumerable<string>)dlqIds);

    /// <summary>Exactly these DLQ entries. More than 50 ids are sent in requests of at most 50, in order.</summary>
    /// <param name="dlqIds">The DLQ ids; at least one, none blank, none with a comma or a control character. Duplicates are sent once.</param>
    /// <returns>A filter of explicit ids.</returns>
    public static ResumeFilter ForDlqIds(IEnumerable<string> dlqIds)
    {
        ArgumentNullException.ThrowIfNull(dlqIds);
        var ids = ImmutableArray.CreateBuilder<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var id in dlqIds)
        {
            // The service splits dlqIds on commas: ForDlqIds(",") would name no id, and act on 50 arbitrary entries.
            WireText.EnsureListValue(
                id,
                nameof(dlqIds),
                $"The DLQ id at index {index}",
                "the ids exactly as the DLQ lists them (DlqMessage.DlqId)",
                "A DLQ id has none: pass each id as its own item, never several joined.");
            if (seen.Add(id))
            {
                ids.Add(id);
            }

            index++;
        }

        if (ids.Count == 0)
        {
            throw new ArgumentException($"The list of DLQ ids is empty. Pass at least one id. {EverythingHint}", nameof(dlqIds));
        }

        return new ResumeFilter { DlqIds = ids.ToImmutable() };
    }

    /// <summary>Entries that failed at or after <paramref name="from"/> (<c>fromDate</c>).</summary>
    /// <param name="from">The earliest failure time, inclusive.</param>
    /// <returns>A new filter.</returns>
    public ResumeFilter FailedAfter(DateTimeOffset from)
    {
        EnsureRange(from, ToDate, nameof(from));
        return With(new ResumeFilter(this) { FromDate = from });
    }

    /// <summary>Entries that failed at or before <paramref name="to"/> (<c>toDate</c>).</summary>
    /// <param name="to">The latest failure time, inclusive.</param>
    /// <returns>A new filter.</returns>
    public ResumeFilter FailedBefore(DateTimeOffset to)
    {
        EnsureRange(FromDate, to, nameof(to));
        return With(new ResumeFilter(this) { ToDate = to });
    }

    /// <summary>Entries that failed between <paramref name="from"/> and <paramref name="to"/>, both inclusive.</summary>
    /// <param name="from">The earliest failure time.</param>
    /// <param name="to">The latest failure time; not earlier than <paramref name="from"/>.</param>
    /// <returns>A new filter.</returns>
    public ResumeFilter FailedBetween(DateTimeOffset from, DateTimeOffset to)
    {
        EnsureRange(from, to, nameof(to));
        return With(new ResumeFilter(this) { FromDate = from, ToDate = to });
    }

    /// <summary>Entries of this workflow URL (exact match). Call again to add URLs: any of them matches.</summary>
    /// <param name="workflowUrl">An absolute http or https URL, as the workflow was triggered; without a comma (the service splits this parameter on commas).</param>
    /// <returns>A new filter.</returns>
    public ResumeFilter ForWorkflowUrl(string workflowUrl)
    {
        WireText.EnsureWorkflowUrl(
            workflowUrl,
            nameof(workflowUrl),
            "The workflow URL given to ResumeFilter.ForWorkflowUrl",
            "List the entries with another criterion and select them with ResumeFilter.ForDlqIds(...).");

        return With(new ResumeFilter(this) { WorkflowUrls = AddDistinct(WorkflowUrls, workflowUrl) });
    }

    /// <summary>The run with this id, or every run whose id starts with it (<c>workflowRunId</c>). Replaces an earlier value.</summary>
    /// <param name="workflowRunIdOrPrefix">A run id or the start of one.</param>
    /// <returns>A new filter.</returns>
    public ResumeFilter ForWorkflowRunId(string workflowRunIdOrPrefix)
    {
        WireText.EnsureValue(workflowRunIdOrPrefix, nameof(workflowRunIdOrPrefix), "The run id given to ResumeFilter.ForWorkflowRunId", "a run id such as wfr_abc or a prefix of one");
        return With(new ResumeFilter(this) { WorkflowRunId = workflowRunIdOrPrefix });
    }

    /// <summary>The runs created at exactly this time (<c>workflowCreatedAt</c>, millisecond precision). Replaces an earlier value.</summary>
    /// <param name="workflowCreatedAt">The run's creation time.</param>
    /// <returns>A new filter.</returns>
    public ResumeFilter CreatedAt(DateTimeOffset workflowCreatedAt) =>
        With(new ResumeFilter(this) { WorkflowCreatedAt = workflowCreatedAt });

    /// <summary>Runs that carry this label. Call again to add labels: any of them matches.</summary>
    /// <param name="label">The label; not blank, without a comma or a control character.</param>
    /// <returns>A new filter.</returns>
    public ResumeFilter WithLabel(string label)
    {
        WireText.EnsureListValue(label, nameof(label), "The label given to ResumeFilter.WithLabel", "a label the runs were triggered with", "Call WithLabel once per label.");
        return With(new ResumeFilter(this) { Labels = AddDistinct(Labels, label) });
    }

    /// <summary>Runs with this flow-control key. Call again to add keys: any of them matches.</summary>
    /// <param name="flowControlKey">The flow-control key; not blank, without a comma or a control character.</param>
    /// <returns>A new filter.</returns>
    public ResumeFilter WithFlowControlKey(string flowControlKey)
    {
        WireText.EnsureListValue(
            flowControlKey,
            nameof(flowControlKey),
            "The flow-control key given to ResumeFilter.WithFlowControlKey",
            "the flow-control key the runs used",
            "Call WithFlowControlKey once per key; a key with a comma can't be selected by this filter.");
        return With(new ResumeFilter(this) { FlowControlKeys = AddDistinct(FlowControlKeys, flowControlKey) });
    }

    /// <summary>Runs triggered from this IP address. Call again to add addresses: any of them matches.</summary>
    /// <param name="callerIp">An IPv4 or IPv6 address.</param>
    /// <returns>A new filter.</returns>
    public ResumeFilter FromCallerIp(string callerIp)
    {
        WireText.EnsureIpAddress(callerIp, nameof(callerIp), "The caller IP given to ResumeFilter.FromCallerIp");
        return With(new ResumeFilter(this) { CallerIps = AddDistinct(CallerIps, callerIp) });
    }

    /// <summary>Runs whose failure callback is in this state. Call again to add states: any of them matches.</summary>
    /// <param name="state">The failure-callback state; one of those <see cref="FailureCallbackState"/> lists.</param>
    /// <returns>A new filter.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="state"/> is not a state this SDK knows: the service might ignore it and select more.</exception>
    public ResumeFilter WithFailureCallbackState(FailureCallbackState state)
    {
        ExtensibleEnum.EnsureKnown(state, nameof(state));
        return With(new ResumeFilter(this) { FailureCallbackStates = FailureCallbackStates.Contains(state) ? FailureCallbackStates : FailureCallbackStates.Add(state) });
    }

    /// <summary>Describes the filter as the query parameters it sends, for logs and confirmations.</summary>
    /// <returns>For example <c>workflowUrl=https://a/b, fromDate=1752829295505</c>, <c>dlqIds=a, dlqIds=b</c>, <c>all</c>, or <c>(empty)</c>.</returns>
    public override string ToString()
    {
        if (HasDlqIds)
        {
            const int Shown = 3;
            var shown = string.Join(", ", DlqIds.Take(Shown).Select(id => "dlqIds=" + id));
            return DlqIds.Length <= Shown ? shown : $"{shown}, ... ({DlqIds.Length} ids)";
        }

        var query = new QueryString();
        AppendTo(query);
        var text = query.Describe();
        return text.Length > 0 ? text : IsAll ? "all" : "(empty)";
    }

    /// <summary>Refuses a filter that selects nothing explicit, before a bulk action sends anything.</summary>
    internal void EnsureSelectsSomething(string parameterName)
    {
        if (!HasDlqIds && !IsAll && !HasCriteria)
        {
            throw new ArgumentException(
                $"The filter has no criteria. Add one (for example ResumeFilter.Create().FailedAfter(...)) or name DLQ ids with ResumeFilter.ForDlqIds(...). {EverythingHint}",
                parameterName);
        }
    }

    /// <summary>Adds the selection's query parameters (every criterion; ids are sent per chunk by the caller).</summary>
    internal void AppendTo(QueryString query) => AppendTo(query, FromDateMilliseconds, ToDateMilliseconds);

    /// <summary>The failure-time range as sent: Unix milliseconds, both inclusive; null where the filter sets no bound.</summary>
    internal long? FromDateMilliseconds => FromDate?.ToUnixTimeMilliseconds();

    /// <inheritdoc cref="FromDateMilliseconds"/>
    internal long? ToDateMilliseconds => ToDate?.ToUnixTimeMilliseconds();

    /// <summary>
    /// Adds the selection's query parameters with <paramref name="fromDate"/> and <paramref name="toDate"/> in place of
    /// the filter's own range: a part of a concurrent drain, which lies within that range.
    /// </summary>
    internal void AppendTo(QueryString query, long? fromDate, long? toDate)
    {
        if (fromDate is { } from)
        {
            query.Add("fromDate", from);
        }

        if (toDate is { } to)
        {
            query.Add("toDate", to);
        }

        query.AddEach("workflowUrl", WorkflowUrls);
        if (WorkflowRunId is not null)
        {
            query.Add("workflowRunId", WorkflowRunId);
        }

        if (WorkflowCreatedAt is { } createdAt)
        {
            query.Add("workflowCreatedAt", createdAt.ToUnixTimeMilliseconds());
        }

        query.AddEach("label", Labels);
        query.AddEach("flowControlKey", FlowControlKeys);
        query.AddEach("callerIp", CallerIps);
        query.AddEach("failureFunctionState", FailureCallbackStates.Select(state => state.ToString()));
    }

    private ResumeFilter With(ResumeFilter next)
    {
        if (HasDlqIds)
        {
            throw new InvalidOperationException(
                "A filter of explicit DLQ ids can't take other criteria: the service ignores them when ids are given. Use either ForDlqIds(...) or Create() with criteria.");
        }

        return next;
    }

    private static ImmutableArray<string> AddDistinct(ImmutableArray<string> values, string value) =>
        values.Contains(value, StringComparer.Ordinal) ? values : values.Add(value);

    private static void EnsureRange(DateTimeOffset? from, DateTimeOffset? to, string parameterName) =>
        TimeRange.Ensure(from, to, parameterName, nameof(FailedAfter), nameof(FailedBefore));
}
