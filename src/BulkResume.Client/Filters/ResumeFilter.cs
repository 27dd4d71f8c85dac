using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using BulkResume.Internal.Http;
using BulkResume.Internal.Selection;
using BulkResume.Internal.Validation;
using BulkResume.Internal.Wire;

namespace BulkResume;

/// <summary>
/// Which DLQ entries an operation acts on: explicit DLQ ids, every entry, or criteria that are AND-ed (values given for
/// one criterion more than once are OR-ed).
/// </summary>
/// <remarks>
/// <para>Immutable: every method returns a new filter.</para>
/// Start from <see cref="Create"/>, <see cref="ForDlqIds(string[])"/> or <see cref="All"/>. A bulk action refuses
/// an empty <see cref="Create"/> so that nobody acts on the whole DLQ by accident: ask for that with <see cref="All"/>.
/// Methods for a criterion that takes several values add one (<see cref="ForWorkflowUrl"/>, <see cref="WithLabel"/>,
/// <see cref="WithFlowControlKey"/>, <see cref="FromCallerIp"/>, <see cref="WithFailureCallbackState"/>); the others
/// replace the value set before.
/// </remarks>
public sealed class ResumeFilter
{
    private const string EverythingHint = "To act on every entry in the DLQ, use ResumeFilter.All().";

    private static readonly ResumeFilter Empty = new([], isAll: false, CriterionValues.None);
    private static readonly ResumeFilter Everything = new([], isAll: true, CriterionValues.None);

    private ResumeFilter(ImmutableArray<string> dlqIds, bool isAll, CriterionValues criteria)
    {
        DlqIds = dlqIds;
        IsAll = isAll;
        Criteria = criteria;
    }

    /// <summary>The explicit ids, or empty when the filter uses criteria.</summary>
    internal ImmutableArray<string> DlqIds { get; }

    /// <summary><see langword="true"/> when the filter names explicit DLQ ids.</summary>
    internal bool HasDlqIds => !DlqIds.IsEmpty;

    /// <summary>The criteria, by row of <see cref="SelectionCriteria"/>.</summary>
    internal CriterionValues Criteria { get; }

    /// <summary>The failure-time range as sent: Unix milliseconds, both inclusive; null where the filter sets no bound.</summary>
    internal long? FromDateMilliseconds => Criteria.Milliseconds(SelectionCriteria.FailedFrom);

    /// <inheritdoc cref="FromDateMilliseconds"/>
    internal long? ToDateMilliseconds => Criteria.Milliseconds(SelectionCriteria.FailedTo);

    private bool IsAll { get; }

    /// <summary>An empty filter to add criteria to.</summary>
    /// <returns>A filter with no criteria.</returns>
    /// <remarks>Alone it selects nothing a bulk action will accept.</remarks>
    public static ResumeFilter Create() => Empty;

    /// <summary>Every entry in the DLQ, asked for explicitly (the official SDK's <c>{ all: true }</c>).</summary>
    /// <returns>A filter that selects every entry.</returns>
    public static ResumeFilter All() => Everything;

    /// <summary>Exactly these DLQ entries.</summary>
    /// <param name="dlqIds">The DLQ ids; at least one, none blank, none with a comma or a control character. Duplicates are sent once.</param>
    /// <returns>A filter of explicit ids.</returns>
    /// <remarks>More than 50 ids are sent in requests of at most 50, in order.</remarks>
    public static ResumeFilter ForDlqIds(params string[] dlqIds) => ForDlqIds((IEnumerable<string>)dlqIds);

    /// <summary>Exactly these DLQ entries.</summary>
    /// <param name="dlqIds">The DLQ ids; at least one, none blank, none with a comma or a control character. Duplicates are sent once.</param>
    /// <returns>A filter of explicit ids.</returns>
    /// <remarks>More than 50 ids are sent in requests of at most 50, in order.</remarks>
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

        return new ResumeFilter(ids.ToImmutable(), isAll: false, CriterionValues.None);
    }

    /// <summary>Entries that failed at or after <paramref name="from"/> (<c>fromDate</c>).</summary>
    /// <param name="from">The earliest failure time, inclusive.</param>
    /// <returns>A new filter.</returns>
    /// <remarks>Replaces an earlier value.</remarks>
    public ResumeFilter FailedAfter(DateTimeOffset from) => WithFailureTimes(from, to: null, nameof(from));

    /// <summary>Entries that failed at or before <paramref name="to"/> (<c>toDate</c>).</summary>
    /// <param name="to">The latest failure time, inclusive.</param>
    /// <returns>A new filter.</returns>
    /// <remarks>Replaces an earlier value.</remarks>
    public ResumeFilter FailedBefore(DateTimeOffset to) => WithFailureTimes(from: null, to, nameof(to));

    /// <summary>
    /// Entries that failed between <paramref name="from"/> and <paramref name="to"/>, both inclusive.
    /// </summary>
    /// <param name="from">The earliest failure time.</param>
    /// <param name="to">The latest failure time; not earlier than <paramref name="from"/>.</param>
    /// <returns>A new filter.</returns>
    /// <remarks>Replaces both bounds.</remarks>
    public ResumeFilter FailedBetween(DateTimeOffset from, DateTimeOffset to) => WithFailureTimes(from, to, nameof(to));

    /// <summary>Entries of this workflow URL (exact match).</summary>
    /// <param name="workflowUrl">An absolute http or https URL, as the workflow was triggered; without a comma (the service splits this parameter on commas).</param>
    /// <returns>A new filter.</returns>
    /// <remarks>Adds a URL: any of them matches.</remarks>
    public ResumeFilter ForWorkflowUrl(string workflowUrl) => Add(SelectionCriteria.WorkflowUrl, workflowUrl, nameof(workflowUrl));

    /// <summary>The run with this id, and every run whose id starts with it (<c>workflowRunId</c>).</summary>
    /// <remarks>
    /// <para>Replaces an earlier value.</para>
    /// The DLQ matches this parameter as a prefix: <c>wfr_1</c> also selects <c>wfr_10</c>. Name the entries with
    /// <see cref="ForDlqIds(string[])"/> to act on exactly one.
    /// </remarks>
    /// <param name="workflowRunIdPrefix">A run id or the start of one.</param>
    /// <returns>A new filter.</returns>
    public ResumeFilter ForWorkflowRunIdPrefix(string workflowRunIdPrefix) =>
        Replace(SelectionCriteria.WorkflowRunIdPrefix, workflowRunIdPrefix, nameof(workflowRunIdPrefix));

    /// <summary>The runs created at exactly this time (<c>workflowCreatedAt</c>, millisecond precision).</summary>
    /// <param name="workflowCreatedAt">The run's creation time.</param>
    /// <returns>A new filter.</returns>
    /// <remarks>Replaces an earlier value.</remarks>
    public ResumeFilter CreatedAt(DateTimeOffset workflowCreatedAt) =>
        With(Criteria.Replace(SelectionCriteria.WorkflowCreatedAt, workflowCreatedAt.ToUnixTimeMilliseconds()));

    /// <summary>Runs that carry this label.</summary>
    /// <param name="label">The label; not blank, without a comma or a control character.</param>
    /// <returns>A new filter.</returns>
    /// <remarks>Adds a label: any of them matches.</remarks>
    public ResumeFilter WithLabel(string label) => Add(SelectionCriteria.Label, label, nameof(label));

    /// <summary>Runs with this flow-control key.</summary>
    /// <param name="flowControlKey">The flow-control key; not blank, without a comma or a control character.</param>
    /// <returns>A new filter.</returns>
    /// <remarks>Adds a key: any of them matches.</remarks>
    public ResumeFilter WithFlowControlKey(string flowControlKey) => Add(SelectionCriteria.FlowControlKey, flowControlKey, nameof(flowControlKey));

    /// <summary>Runs triggered from this IP address.</summary>
    /// <param name="callerIp">An IPv4 or IPv6 address.</param>
    /// <returns>A new filter.</returns>
    /// <remarks>Adds an address: any of them matches.</remarks>
    public ResumeFilter FromCallerIp(string callerIp) => Add(SelectionCriteria.CallerIp, callerIp, nameof(callerIp));

    /// <summary>Runs whose failure callback is in this state.</summary>
    /// <param name="state">The failure-callback state; one of those <see cref="FailureCallbackState"/> lists.</param>
    /// <returns>A new filter.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="state"/> is not a state this SDK knows: the service might ignore it and select more.</exception>
    /// <remarks>Adds a state: any of them matches.</remarks>
    public ResumeFilter WithFailureCallbackState(FailureCallbackState state)
    {
        ExtensibleEnum.EnsureKnown(state, nameof(state));
        return Add(SelectionCriteria.FailureFunctionState, state.ToString(), nameof(state));
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

        return QueryString.Describe(AppendTo, IsAll ? "all" : "(empty)");
    }

    /// <summary>
    /// Refuses, before anything is sent, a filter that <paramref name="operation"/> can't send as it is: criteria it does
    /// not take, or, for an operation that acts on what it selects, a filter that selects nothing explicit.
    /// </summary>
    /// <param name="operation">The operation.</param>
    /// <param name="operationName">The operation, for the message: <c>DlqClient.ListAsync</c>.</param>
    /// <param name="parameterName">The operation's filter parameter.</param>
    internal void EnsureFor(SelectionOperations operation, string operationName, string parameterName)
    {
        Criteria.EnsureTakenBy(operation, operationName, parameterName);
        if ((operation & SelectionOperations.DlqBulk) != 0 && !HasDlqIds && !IsAll && Criteria.IsEmpty)
        {
            var orIds = (operation & SelectionOperations.DlqActions) != 0 ? string.Empty : " or name DLQ ids with ResumeFilter.ForDlqIds(...)";
            throw new ArgumentException(
                $"The filter has no criteria. Add one (for example ResumeFilter.Create().FailedAfter(...)){orIds}. {EverythingHint}",
                parameterName);
        }
    }

    /// <summary>
    /// <see cref="EnsureFor"/> for an operation that starts a bulk action, which takes criteria only: explicit ids are
    /// refused, naming the call that takes them.
    /// </summary>
    /// <param name="operation">The operation, one of <see cref="SelectionOperations.DlqActions"/>.</param>
    /// <param name="operationName">The operation, for the message: <c>DlqClient.StartBulkResumeAsync</c>.</param>
    /// <param name="idsCall">The call that acts on ids instead, for the message: <c>DlqClient.BulkResumeAsync</c>.</param>
    /// <param name="parameterName">The operation's filter parameter.</param>
    internal void EnsureForAction(SelectionOperations operation, string operationName, string idsCall, string parameterName)
    {
        if (HasDlqIds)
        {
            throw new ArgumentException(
                $"{operationName} takes criteria (or ResumeFilter.All()), not explicit DLQ ids: the service's bulk actions select by criteria only. Act on these ids with {idsCall}(ResumeFilter.ForDlqIds(...)), which sends them in requests of at most 50.",
                parameterName);
        }

        EnsureFor(operation, operationName, parameterName);
    }

    /// <summary>Adds the selection's query parameters (every criterion; ids are sent per chunk by the caller).</summary>
    internal void AppendTo(QueryString query) => Criteria.AppendTo(query);

    /// <summary>
    /// Adds the selection's query parameters with <paramref name="fromDate"/> and <paramref name="toDate"/> in place of
    /// the filter's own range: a part of a concurrent drain, which lies within that range.
    /// </summary>
    internal void AppendTo(QueryString query, long? fromDate, long? toDate) =>
        Criteria.Replace(SelectionCriteria.FailedFrom, fromDate).Replace(SelectionCriteria.FailedTo, toDate).AppendTo(query);

    private ResumeFilter Add(Criterion row, string value, string parameterName, [CallerMemberName] string method = "") =>
        With(Criteria.Add(row, value, parameterName, $"{nameof(ResumeFilter)}.{method}"));

    private ResumeFilter Replace(Criterion row, string value, string parameterName, [CallerMemberName] string method = "") =>
        With(Criteria.Replace(row, value, parameterName, $"{nameof(ResumeFilter)}.{method}"));

    private ResumeFilter WithFailureTimes(DateTimeOffset? from, DateTimeOffset? to, string parameterName) =>
        With(Criteria.WithRange(SelectionCriteria.FailedFrom, SelectionCriteria.FailedTo, from, to, parameterName, nameof(FailedAfter), nameof(FailedBefore)));

    /// <summary>The filter with these criteria; a filter of ids refuses them, since the service would ignore them.</summary>
    private ResumeFilter With(CriterionValues criteria)
    {
        if (HasDlqIds)
        {
            throw new InvalidOperationException(
                "A filter of explicit DLQ ids can't take other criteria: the service ignores them when ids are given. Use either ForDlqIds(...) or Create() with criteria.");
        }

        return new ResumeFilter([], isAll: false, criteria);
    }
}
