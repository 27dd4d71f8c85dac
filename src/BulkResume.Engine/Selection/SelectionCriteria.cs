using BulkResume.Engine.Selection;
using BulkResume.Engine.Model;
using static BulkResume.Engine.Storage.SelectionCriterion<BulkResume.Engine.DlqEntry>;

namespace BulkResume.Engine.Storage;

/// <summary>The selection contracts of the DLQ and of the run logs: one row a criterion, from which the engine derives everything that reads a selection.</summary>
/// <remarks>
/// A row gives the query parameter, whether it repeats, what its values may be, how it matches, what it reads of an
/// entry, where a SQL store keeps that, and which operations take it. The endpoints allow exactly the names of the
/// rows they take (with <c>cursor</c> and <c>count</c>), so a name can't be allowed and then ignored. The values of
/// one criterion are OR-ed, different criteria are AND-ed; the rows' order is the SQL stores' preference for the index
/// that drives a query.
/// </remarks>
public static class SelectionCriteria
{
    private const SelectionOperations OnEntries = SelectionOperations.AnyOnEntries;

    /// <summary>Entries that failed at or after this time (<c>fromDate</c>).</summary>
    internal static readonly SelectionCriterion<DlqEntry> FromDate =
        OnNumber("fromDate", CriterionValueRule.TimeFrom, CriterionMatch.AtLeast, entry => entry.CreatedAt.UtcTicks, CriterionStorage.KeyTime, "created_at", indexed: false, OnEntries);

    /// <summary>Entries that failed at or before this time (<c>toDate</c>), to its whole millisecond.</summary>
    internal static readonly SelectionCriterion<DlqEntry> ToDate =
        OnNumber("toDate", CriterionValueRule.TimeUntil, CriterionMatch.AtMost, entry => entry.CreatedAt.UtcTicks, CriterionStorage.KeyTime, "created_at", indexed: false, OnEntries);

    /// <summary>Entries whose workflow URL is exactly one of these (<c>workflowUrl</c>).</summary>
    internal static readonly SelectionCriterion<DlqEntry> WorkflowUrl =
        OnText("workflowUrl", repeatable: true, CriterionValueRule.Text, CriterionMatch.OneOf, entry => entry.WorkflowUrl, CriterionStorage.LongTextColumn, "workflow_url", indexed: true, OnEntries);

    /// <summary>Entries whose run id is this id or starts with this prefix (<c>workflowRunId</c>).</summary>
    internal static readonly SelectionCriterion<DlqEntry> WorkflowRunId =
        OnText("workflowRunId", repeatable: false, CriterionValueRule.Text, CriterionMatch.Prefix, entry => entry.WorkflowRunId, CriterionStorage.Column, "workflow_run_id", indexed: false, OnEntries);

    /// <summary>Entries whose run was created at this time, to the millisecond (<c>workflowCreatedAt</c>).</summary>
    internal static readonly SelectionCriterion<DlqEntry> WorkflowCreatedAt =
        OnNumber("workflowCreatedAt", CriterionValueRule.Millisecond, CriterionMatch.OneOf, entry => entry.WorkflowCreatedAt.ToUnixTimeMilliseconds(), CriterionStorage.Column, "workflow_created_ms", indexed: true, OnEntries);

    /// <summary>Entries that carry at least one of these labels (<c>label</c>).</summary>
    internal static readonly SelectionCriterion<DlqEntry> Label =
        OnTexts("label", CriterionValueRule.Text, entry => entry.Labels, CriterionStorage.LabelTable, "label", indexed: true, OnEntries);

    /// <summary>Entries whose flow-control key is one of these (<c>flowControlKey</c>).</summary>
    internal static readonly SelectionCriterion<DlqEntry> FlowControlKey =
        OnText("flowControlKey", repeatable: true, CriterionValueRule.Text, CriterionMatch.OneOf, entry => entry.FlowControlKey, CriterionStorage.Column, "flow_control_key", indexed: true, OnEntries);

    /// <summary>Entries whose run was triggered from one of these addresses (<c>callerIp</c>).</summary>
    internal static readonly SelectionCriterion<DlqEntry> CallerIp =
        OnText("callerIp", repeatable: true, CriterionValueRule.IpAddress, CriterionMatch.OneOf, entry => entry.CallerIp, CriterionStorage.Column, "caller_ip", indexed: true, OnEntries);

    /// <summary>Entries whose failure callback is in one of these states (<c>failureFunctionState</c>).</summary>
    internal static readonly SelectionCriterion<DlqEntry> FailureFunctionState =
        OnText("failureFunctionState", repeatable: true, CriterionValueRule.FailureCallbackState, CriterionMatch.OneOf, entry => entry.FailureCallbackInfo?.State.ToString(), CriterionStorage.Column, "callback_state", indexed: true, OnEntries);

    /// <summary>Exactly these entries (<c>dlqIds</c>), all or nothing; the listing does not take them.</summary>
    internal static readonly SelectionCriterion<DlqEntry> DlqIds =
        ByIds("dlqIds", CriterionValueRule.Text, entry => entry.DlqId, CriterionStorage.Column, "dlq_id", SelectionOperations.BulkActions);

    /// <summary>Every criterion of a DLQ selection, in the order SQL stores prefer their indexes.</summary>
    public static IReadOnlyList<SelectionCriterion<DlqEntry>> Dlq { get; } =
        Numbered([FromDate, ToDate, WorkflowUrl, WorkflowRunId, WorkflowCreatedAt, Label, FlowControlKey, CallerIp, FailureFunctionState, DlqIds]);

    /// <summary>The bounds of one range, which may not be reversed.</summary>
    internal static IReadOnlyList<(SelectionCriterion<DlqEntry> From, SelectionCriterion<DlqEntry> To)> Ranges { get; } = [(FromDate, ToDate)];

    /// <summary>The criteria on runs (the run logs' and a bulk cancel's), by the names the wire gives them.</summary>
    /// <remarks>
    /// The run logs' filters take one value each (labels excepted) and match exactly; <c>workflowRuns</c> names runs by
    /// id and creation time and, given, alone selects. A bulk cancel takes its own rows where the service's description
    /// differs (several values; <c>workflowUrl</c> a prefix unless <c>workflowUrlExactMatch=true</c>; <c>workflowRunIds</c>),
    /// and shares the rest. Every row is a condition on the <c>runs</c> table, which a query reads in run-id order; no
    /// operation takes two rows of one name.
    /// </remarks>
    internal static class Run
    {
        private const SelectionOperations OnRuns = SelectionOperations.ListRuns;
        private const SelectionOperations OnCancel = SelectionOperations.AnyCancelRuns;
        private const SelectionOperations OnBoth = OnRuns | OnCancel;

        /// <summary>The run with exactly this id (<c>workflowRunId</c>).</summary>
        public static readonly SelectionCriterion<RunRecord> WorkflowRunId =
            SelectionCriterion<RunRecord>.OnText("workflowRunId", repeatable: false, CriterionValueRule.Text, CriterionMatch.OneOf, run => run.WorkflowRunId, CriterionStorage.Column, "workflow_run_id", indexed: false, OnRuns);

        /// <summary>The runs of exactly this workflow URL (<c>workflowUrl</c>).</summary>
        public static readonly SelectionCriterion<RunRecord> WorkflowUrl =
            SelectionCriterion<RunRecord>.OnText("workflowUrl", repeatable: false, CriterionValueRule.Text, CriterionMatch.OneOf, run => run.WorkflowUrl, CriterionStorage.LongTextColumn, "workflow_url", indexed: false, OnRuns);

        /// <summary>The runs created at this time, to the millisecond (<c>workflowCreatedAt</c>).</summary>
        public static readonly SelectionCriterion<RunRecord> WorkflowCreatedAt =
            SelectionCriterion<RunRecord>.OnNumber("workflowCreatedAt", CriterionValueRule.Millisecond, CriterionMatch.OneOf, run => run.CreatedAt.ToUnixTimeMilliseconds(), CriterionStorage.MillisecondOfTicks, "created_at", indexed: false, OnRuns);

        /// <summary>Exactly these runs, by id and creation time (<c>workflowRuns=id@createdAt,...</c>).</summary>
        public static readonly SelectionCriterion<RunRecord> WorkflowRuns =
            SelectionCriterion<RunRecord>.ByIds("workflowRuns", CriterionValueRule.RunReference, run => new RunReference(run.WorkflowRunId, run.CreatedAt).ToPair(), CriterionStorage.IdAtMillisecond, "workflow_run_id", OnRuns);

        /// <summary>The runs in this state (<c>state</c>).</summary>
        public static readonly SelectionCriterion<RunRecord> State =
            SelectionCriterion<RunRecord>.OnText("state", repeatable: false, CriterionValueRule.RunState, CriterionMatch.OneOf, run => run.State.ToString(), CriterionStorage.Column, "state", indexed: false, OnRuns);

        /// <summary>The runs created at or after this time (<c>fromDate</c>).</summary>
        public static readonly SelectionCriterion<RunRecord> FromDate =
            SelectionCriterion<RunRecord>.OnNumber("fromDate", CriterionValueRule.TimeFrom, CriterionMatch.AtLeast, run => run.CreatedAt.UtcTicks, CriterionStorage.Column, "created_at", indexed: false, OnBoth);

        /// <summary>The runs created at or before this time (<c>toDate</c>), to its whole millisecond.</summary>
        public static readonly SelectionCriterion<RunRecord> ToDate =
            SelectionCriterion<RunRecord>.OnNumber("toDate", CriterionValueRule.TimeUntil, CriterionMatch.AtMost, run => run.CreatedAt.UtcTicks, CriterionStorage.Column, "created_at", indexed: false, OnBoth);

        /// <summary>The runs that carry at least one of these labels (<c>label</c>).</summary>
        public static readonly SelectionCriterion<RunRecord> Label =
            SelectionCriterion<RunRecord>.OnTexts("label", CriterionValueRule.Text, run => run.Labels, CriterionStorage.StoredJson, nameof(RunRecord.Labels), indexed: false, OnBoth);

        /// <summary>The runs with this flow-control key (<c>flowControlKey</c>).</summary>
        public static readonly SelectionCriterion<RunRecord> FlowControlKey =
            SelectionCriterion<RunRecord>.OnText("flowControlKey", repeatable: false, CriterionValueRule.Text, CriterionMatch.OneOf, run => run.Configuration.FlowControlKey, CriterionStorage.Column, "flow_control_key", indexed: false, OnRuns);

        /// <summary>The runs triggered from this address (<c>callerIp</c>).</summary>
        public static readonly SelectionCriterion<RunRecord> CallerIp =
            SelectionCriterion<RunRecord>.OnText("callerIp", repeatable: false, CriterionValueRule.IpAddress, CriterionMatch.OneOf, run => run.CallerIp, CriterionStorage.Column, "caller_ip", indexed: false, OnRuns);

        /// <summary>Exactly the runs with these ids (a bulk cancel's <c>workflowRunIds</c>); the cancel refuses other filters beside them.</summary>
        public static readonly SelectionCriterion<RunRecord> WorkflowRunIds =
            SelectionCriterion<RunRecord>.ByIds("workflowRunIds", CriterionValueRule.Text, run => run.WorkflowRunId, CriterionStorage.Column, "workflow_run_id", OnCancel);

        /// <summary>The runs whose workflow URL starts with one of these (a bulk cancel's <c>workflowUrl</c>, the service's default).</summary>
        public static readonly SelectionCriterion<RunRecord> WorkflowUrlPrefix =
            SelectionCriterion<RunRecord>.OnText("workflowUrl", repeatable: true, CriterionValueRule.Text, CriterionMatch.Prefix, run => run.WorkflowUrl, CriterionStorage.Column, "workflow_url", indexed: false, SelectionOperations.CancelRuns);

        /// <summary>The runs whose workflow URL is exactly one of these (a bulk cancel's <c>workflowUrl</c> with <c>workflowUrlExactMatch=true</c>).</summary>
        public static readonly SelectionCriterion<RunRecord> WorkflowUrls =
            SelectionCriterion<RunRecord>.OnText("workflowUrl", repeatable: true, CriterionValueRule.Text, CriterionMatch.OneOf, run => run.WorkflowUrl, CriterionStorage.LongTextColumn, "workflow_url", indexed: false, SelectionOperations.CancelRunsByExactUrl);

        /// <summary>The runs with one of these flow-control keys (a bulk cancel's <c>flowControlKey</c>).</summary>
        public static readonly SelectionCriterion<RunRecord> FlowControlKeys =
            SelectionCriterion<RunRecord>.OnText("flowControlKey", repeatable: true, CriterionValueRule.Text, CriterionMatch.OneOf, run => run.Configuration.FlowControlKey, CriterionStorage.Column, "flow_control_key", indexed: false, OnCancel);

        /// <summary>The runs triggered from one of these addresses (a bulk cancel's <c>callerIp</c>).</summary>
        public static readonly SelectionCriterion<RunRecord> CallerIps =
            SelectionCriterion<RunRecord>.OnText("callerIp", repeatable: true, CriterionValueRule.IpAddress, CriterionMatch.OneOf, run => run.CallerIp, CriterionStorage.Column, "caller_ip", indexed: false, OnCancel);
    }

    /// <summary>Every criterion on runs, in the order an endpoint lists the names it takes.</summary>
    public static IReadOnlyList<SelectionCriterion<RunRecord>> Runs { get; } =
        Numbered([Run.WorkflowRunId, Run.WorkflowUrl, Run.WorkflowCreatedAt, Run.WorkflowRuns, Run.State, Run.FromDate, Run.ToDate, Run.Label, Run.FlowControlKey, Run.CallerIp,
            Run.WorkflowRunIds, Run.WorkflowUrlPrefix, Run.WorkflowUrls, Run.FlowControlKeys, Run.CallerIps]);

    /// <summary>The bounds of a run-logs range, which may not be reversed.</summary>
    internal static IReadOnlyList<(SelectionCriterion<RunRecord> From, SelectionCriterion<RunRecord> To)> RunRanges { get; } = [(Run.FromDate, Run.ToDate)];

    private static SelectionCriterion<TRecord>[] Numbered<TRecord>(SelectionCriterion<TRecord>[] rows)
    {
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i].Index = i;
        }

        return rows;
    }
}
