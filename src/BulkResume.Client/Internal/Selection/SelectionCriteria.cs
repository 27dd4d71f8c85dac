namespace BulkResume.Internal.Selection;

/// <summary>
/// The client's selection contract, one row per criterion a filter can send (the API contract's tables): its wire name,
/// one value or many (OR-ed), the rule its value follows, how the service matches it and which operations take it.
/// </summary>
/// <remarks>
/// <para>Parameters go on the wire in the rows' order. <see cref="ResumeFilter"/>, <see cref="RunFilter"/> and
/// <see cref="RunCancelFilter"/> keep their criteria by row (<see cref="CriterionValues"/>): copying, "has criteria", the query and the description follow
/// from here, so a new criterion is a row here and a method on its filter.</para>
/// A parameter the DLQ, the run logs and the runs' cancel take with the same meaning is one row; where they differ (the
/// logs take one <c>workflowUrl</c>, match <c>workflowRunId</c> exactly, date by creation; the cancel matches
/// <c>workflowUrl</c> as a prefix unless asked for an exact match) each has its own row.
/// </remarks>
internal static class SelectionCriteria
{
    private const SelectionOperations Dlq = SelectionOperations.Dlq;
    private const SelectionOperations Logs = SelectionOperations.RunLogs;
    private const SelectionOperations Cancel = SelectionOperations.CancelRuns;

    // First: the rows below register here as they are initialised, in textual order.
    private static readonly List<Criterion> Rows = [];

    public static readonly Criterion FailedFrom = Row("fromDate", many: false, CriterionValue.Time, "failed at or after, inclusive", Dlq, "failure time");

    public static readonly Criterion FailedTo = Row("toDate", many: false, CriterionValue.Time, "failed at or before, inclusive", Dlq, "failure time");

    public static readonly Criterion WorkflowUrl = Row(
        "workflowUrl", many: true, CriterionValue.WorkflowUrl, "exact URL", Dlq, "workflow URL",
        otherWay: "List the entries with another criterion and select them with ResumeFilter.ForDlqIds(...).");

    public static readonly Criterion WorkflowRunIdPrefix = Row(
        "workflowRunId", many: false, CriterionValue.Text, "the run id, or run ids starting with it", Dlq, "run id prefix",
        "a run id such as wfr_abc or a prefix of one");

    public static readonly Criterion RunId = Row(
        "workflowRunId", many: false, CriterionValue.Text, "exact run id", Logs, "run id",
        "a run's full id, as ResumedRun.WorkflowRunId gives it (the logs match it exactly)");

    public static readonly Criterion RunWorkflowUrl = Row(
        "workflowUrl", many: false, CriterionValue.WorkflowUrl, "exact URL", Logs, "workflow URL",
        otherWay: "Select its runs with ForWorkflowRunId(...) or ForRun(...).");

    // The runs' cancel matches workflowUrl as a prefix unless told otherwise, for every URL of the request: an exact URL
    // and a prefix are two rows, which a filter never holds together (CriterionValues refuses it).
    public static readonly Criterion CancelWorkflowUrl = Row(
        "workflowUrl", many: true, CriterionValue.WorkflowUrl, "exact URL", Cancel, "workflow URL",
        otherWay: "Cancel its runs by id with RunsClient.CancelAsync(workflowRunIds).", matchParameter: new("workflowUrlExactMatch", "true"));

    public static readonly Criterion CancelWorkflowUrlPrefix = Row(
        "workflowUrl", many: true, CriterionValue.WorkflowUrl, "the URL and every URL starting with it", Cancel, "workflow URL prefix",
        otherWay: "Cancel its runs by id with RunsClient.CancelAsync(workflowRunIds).");

    public static readonly Criterion WorkflowCreatedAt = Row("workflowCreatedAt", many: false, CriterionValue.Time, "run created at exactly, in milliseconds", Dlq | Logs, "creation time");

    public static readonly Criterion RunState = Row("state", many: false, CriterionValue.Name, "run state", Logs, "run state");

    public static readonly Criterion CreatedFrom = Row("fromDate", many: false, CriterionValue.Time, "run created at or after, inclusive", Logs | Cancel, "creation time");

    public static readonly Criterion CreatedTo = Row("toDate", many: false, CriterionValue.Time, "run created at or before, inclusive", Logs | Cancel, "creation time");

    public static readonly Criterion Label = Row("label", many: true, CriterionValue.ListText, "run carries the label", Dlq | Logs | Cancel, "label", "a label the runs were triggered with");

    public static readonly Criterion FlowControlKey = Row("flowControlKey", many: true, CriterionValue.ListText, "exact key", Dlq | Cancel, "flow-control key", "the flow-control key the runs used");

    public static readonly Criterion RunFlowControlKey = Row("flowControlKey", many: false, CriterionValue.ListText, "exact key", Logs, "flow-control key", "the flow-control key the runs used");

    public static readonly Criterion CallerIp = Row("callerIp", many: true, CriterionValue.IpAddress, "exact address", Dlq | Cancel, "caller IP");

    public static readonly Criterion RunCallerIp = Row("callerIp", many: false, CriterionValue.IpAddress, "exact address", Logs, "caller IP");

    public static readonly Criterion FailureFunctionState = Row("failureFunctionState", many: true, CriterionValue.Name, "failure callback state", Dlq, "failure-callback state");

    /// <summary>Every row, in the table's order.</summary>
    public static IReadOnlyList<Criterion> All => Rows;

    private static Criterion Row(
        string wireName, bool many, CriterionValue value, string matches, SelectionOperations takenBy, string noun, string expected = "", string? otherWay = null, KeyValuePair<string, string>? matchParameter = null)
    {
        var row = new Criterion(Rows.Count, wireName, many, value, matches, takenBy, noun, expected, otherWay, matchParameter);
        Rows.Add(row);
        return row;
    }
}
