using System.Runtime.CompilerServices;
using BulkResume.Internal.Http;
using BulkResume.Internal.Selection;

namespace BulkResume;

/// <summary>
/// Which workflow runs a cancel acts on (<see cref="RunsClient.BulkCancelAsync"/>): every run in progress, or criteria
/// that are AND-ed (values given for one criterion more than once are OR-ed).
/// </summary>
/// <remarks>
/// <para>Immutable: every method returns a new filter.</para>
/// <para>Start from <see cref="Create"/> or <see cref="All"/>. The service cancels every run when it is given no
/// filter, so a cancel refuses an empty <see cref="Create"/>: ask for that with <see cref="All"/>. It also matches a
/// workflow URL as a prefix unless told otherwise, so <see cref="ForWorkflowUrl"/> asks for an exact match
/// (<c>workflowUrlExactMatch=true</c>), and a prefix is only sent when asked for by name
/// (<see cref="ForWorkflowUrlPrefix"/>); a filter holds one kind or the other, since the service matches every URL of a
/// request the same way.</para>
/// Methods of the same name as <see cref="ResumeFilter"/>'s and <see cref="RunFilter"/>'s do the same:
/// <see cref="ForWorkflowUrl"/>, <see cref="ForWorkflowUrlPrefix"/>, <see cref="WithLabel"/>,
/// <see cref="WithFlowControlKey"/> and <see cref="FromCallerIp"/> add a value (any of them matches);
/// <see cref="CreatedAfter"/>, <see cref="CreatedBefore"/> and <see cref="CreatedBetween"/> replace the bound set before.
/// Every value is checked before anything is sent, with the refusals of the other filters (see docs/filters.md).
/// </remarks>
public sealed class RunCancelFilter
{
    private const string EverythingHint = "To cancel every run in progress, use RunCancelFilter.All().";

    private static readonly RunCancelFilter Empty = new(CriterionValues.None, isAll: false);
    private static readonly RunCancelFilter Everything = new(CriterionValues.None, isAll: true);

    private readonly CriterionValues _criteria;
    private readonly bool _isAll;

    private RunCancelFilter(CriterionValues criteria, bool isAll)
    {
        _criteria = criteria;
        _isAll = isAll;
    }

    /// <summary>An empty filter to add criteria to.</summary>
    /// <returns>A filter with no criteria.</returns>
    /// <remarks>Alone it selects nothing a cancel will accept.</remarks>
    public static RunCancelFilter Create() => Empty;

    /// <summary>Every run in progress, asked for explicitly (the official SDK's <c>cancel({ all: true })</c>).</summary>
    /// <returns>A filter that selects every run.</returns>
    public static RunCancelFilter All() => Everything;

    /// <summary>The runs of this workflow URL, exact match (<c>workflowUrl</c> with <c>workflowUrlExactMatch=true</c>).</summary>
    /// <param name="workflowUrl">An absolute http or https URL, as the workflow was triggered; without a comma (the service splits this parameter on commas).</param>
    /// <returns>A new filter.</returns>
    /// <exception cref="InvalidOperationException">The filter holds a URL prefix (<see cref="ForWorkflowUrlPrefix"/>).</exception>
    /// <remarks>Adds a URL: any of them matches.</remarks>
    public RunCancelFilter ForWorkflowUrl(string workflowUrl) => Add(SelectionCriteria.CancelWorkflowUrl, workflowUrl, nameof(workflowUrl));

    /// <summary>The runs of every workflow URL that starts with <paramref name="workflowUrlPrefix"/> (<c>workflowUrl</c>, the service's default match).</summary>
    /// <param name="workflowUrlPrefix">The start of the URLs: an absolute http or https URL, such as <c>https://shop.example.com/api/workflows/</c>; without a comma.</param>
    /// <returns>A new filter.</returns>
    /// <exception cref="InvalidOperationException">The filter holds an exact URL (<see cref="ForWorkflowUrl"/>).</exception>
    /// <remarks>
    /// Adds a prefix: any of them matches. <c>https://shop.example.com/api/checkout</c> also selects the runs of
    /// <c>https://shop.example.com/api/checkout-v2</c>: end the prefix with a <c>/</c> to stay within a path.
    /// </remarks>
    public RunCancelFilter ForWorkflowUrlPrefix(string workflowUrlPrefix) =>
        Add(SelectionCriteria.CancelWorkflowUrlPrefix, workflowUrlPrefix, nameof(workflowUrlPrefix));

    /// <summary>The runs created at or after <paramref name="from"/> (<c>fromDate</c>).</summary>
    /// <param name="from">The earliest creation time, inclusive.</param>
    /// <returns>A new filter.</returns>
    /// <remarks>Replaces an earlier value.</remarks>
    public RunCancelFilter CreatedAfter(DateTimeOffset from) => WithCreationTimes(from, to: null, nameof(from));

    /// <summary>The runs created at or before <paramref name="to"/> (<c>toDate</c>).</summary>
    /// <param name="to">The latest creation time, inclusive.</param>
    /// <returns>A new filter.</returns>
    /// <remarks>Replaces an earlier value.</remarks>
    public RunCancelFilter CreatedBefore(DateTimeOffset to) => WithCreationTimes(from: null, to, nameof(to));

    /// <summary>The runs created between <paramref name="from"/> and <paramref name="to"/>, both inclusive.</summary>
    /// <param name="from">The earliest creation time.</param>
    /// <param name="to">The latest creation time; not earlier than <paramref name="from"/>.</param>
    /// <returns>A new filter.</returns>
    /// <remarks>Replaces both bounds.</remarks>
    public RunCancelFilter CreatedBetween(DateTimeOffset from, DateTimeOffset to) => WithCreationTimes(from, to, nameof(to));

    /// <summary>The runs that carry this label (<c>label</c>).</summary>
    /// <param name="label">The label; not blank, without a comma or a control character.</param>
    /// <returns>A new filter.</returns>
    /// <remarks>Adds a label: any of them matches.</remarks>
    public RunCancelFilter WithLabel(string label) => Add(SelectionCriteria.Label, label, nameof(label));

    /// <summary>The runs with this flow-control key (<c>flowControlKey</c>).</summary>
    /// <param name="flowControlKey">The flow-control key; not blank, without a comma or a control character.</param>
    /// <returns>A new filter.</returns>
    /// <remarks>Adds a key: any of them matches.</remarks>
    public RunCancelFilter WithFlowControlKey(string flowControlKey) => Add(SelectionCriteria.FlowControlKey, flowControlKey, nameof(flowControlKey));

    /// <summary>The runs triggered from this IP address (<c>callerIp</c>).</summary>
    /// <param name="callerIp">An IPv4 or IPv6 address.</param>
    /// <returns>A new filter.</returns>
    /// <remarks>Adds an address: any of them matches.</remarks>
    public RunCancelFilter FromCallerIp(string callerIp) => Add(SelectionCriteria.CallerIp, callerIp, nameof(callerIp));

    /// <summary>Describes the filter as the query parameters it sends, for logs and confirmations.</summary>
    /// <returns>For example <c>workflowUrl=https://a/b, workflowUrlExactMatch=true, label=eu</c>, <c>all</c>, or <c>(empty)</c>.</returns>
    public override string ToString() => QueryString.Describe(AppendTo, _isAll ? "all" : "(empty)");

    /// <summary>
    /// Refuses, before anything is sent, a filter that <paramref name="operation"/> can't send as it is: criteria it
    /// does not take, or no criteria without <see cref="All"/>, which the service would read as every run.
    /// </summary>
    /// <param name="operation">The operation.</param>
    /// <param name="operationName">The operation, for the message: <c>RunsClient.BulkCancelAsync</c>.</param>
    /// <param name="parameterName">The operation's filter parameter.</param>
    internal void EnsureFor(SelectionOperations operation, string operationName, string parameterName)
    {
        _criteria.EnsureTakenBy(operation, operationName, parameterName);
        if (!_isAll && _criteria.IsEmpty)
        {
            throw new ArgumentException(
                $"The filter has no criteria: sent as it is, the service would cancel every run. Add one (for example RunCancelFilter.Create().ForWorkflowUrl(...)) or cancel runs by id with RunsClient.CancelAsync(workflowRunIds). {EverythingHint}",
                parameterName);
        }
    }

    /// <summary>Adds the selection's query parameters, in the table's order (with <c>workflowUrlExactMatch=true</c> after exact URLs).</summary>
    internal void AppendTo(QueryString query) => _criteria.AppendTo(query);

    private RunCancelFilter Add(Criterion row, string value, string parameterName, [CallerMemberName] string method = "") =>
        new(_criteria.Add(row, value, parameterName, $"{nameof(RunCancelFilter)}.{method}"), isAll: false);

    private RunCancelFilter WithCreationTimes(DateTimeOffset? from, DateTimeOffset? to, string parameterName) =>
        new(_criteria.WithRange(SelectionCriteria.CreatedFrom, SelectionCriteria.CreatedTo, from, to, parameterName, nameof(CreatedAfter), nameof(CreatedBefore)), isAll: false);
}
