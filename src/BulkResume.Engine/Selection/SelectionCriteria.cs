using BulkResume.Engine.Selection;
using BulkResume.Engine.Model;
using static BulkResume.Engine.Storage.SelectionCriterion<BulkResume.Engine.DlqEntry>;

namespace BulkResume.Engine.Storage;

/// <summary>The selection contract of the DLQ: one row a criterion, from which the engine derives everything that reads a selection.</summary>
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
        ByIds("dlqIds", entry => entry.DlqId, "dlq_id", SelectionOperations.BulkActions);

    /// <summary>Every criterion of a DLQ selection, in the order SQL stores prefer their indexes.</summary>
    public static IReadOnlyList<SelectionCriterion<DlqEntry>> Dlq { get; } =
        Numbered([FromDate, ToDate, WorkflowUrl, WorkflowRunId, WorkflowCreatedAt, Label, FlowControlKey, CallerIp, FailureFunctionState, DlqIds]);

    /// <summary>The bounds of one range, which may not be reversed.</summary>
    internal static IReadOnlyList<(SelectionCriterion<DlqEntry> From, SelectionCriterion<DlqEntry> To)> Ranges { get; } = [(FromDate, ToDate)];

    private static SelectionCriterion<DlqEntry>[] Numbered(SelectionCriterion<DlqEntry>[] rows)
    {
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i].Index = i;
        }

        return rows;
    }
}
