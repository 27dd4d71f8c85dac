using System.Text.Json;

namespace BulkResume.Internal.Wire;

/// <summary>One run of the run logs (a <c>WorkflowRun</c>), with its steps in groups.</summary>
internal sealed class WorkflowRunWire
{
    public string? WorkflowRunId { get; set; }

    public string? WorkflowUrl { get; set; }

    public WorkflowRunState? WorkflowState { get; set; }

    public long WorkflowRunCreatedAt { get; set; }

    public long? WorkflowRunCompletedAt { get; set; }

    public string? WorkflowRunCallerIp { get; set; }

    public JsonElement? WorkflowRunResponse { get; set; }

    public WorkflowInvokerWire? Invoker { get; set; }

    public FailureFunctionWire? FailureFunction { get; set; }

    public List<WorkflowStepGroupWire?>? Steps { get; set; }

    public string? DlqId { get; set; }

    public string? Label { get; set; }

    public List<string>? Labels { get; set; }

    public string? FlowControlKey { get; set; }

    public WorkflowRun ToModel() => new()
    {
        WorkflowRunId = WorkflowRunId ?? string.Empty,
        WorkflowUrl = WorkflowUrl ?? string.Empty,
        State = WorkflowState,
        CreatedAt = WireValues.Time(WorkflowRunCreatedAt),
        CompletedAt = WireValues.OptionalTime(WorkflowRunCompletedAt),
        StepGroups = Steps is null ? [] : [.. Steps.OfType<WorkflowStepGroupWire>().Select(group => group.ToModel())],
        DlqId = string.IsNullOrEmpty(DlqId) ? null : DlqId,
        Labels = WireValues.Labels(Label, Labels),
        CallerIp = string.IsNullOrEmpty(WorkflowRunCallerIp) ? null : WorkflowRunCallerIp,
        Response = WireValues.Text(WorkflowRunResponse),
        Invoker = Invoker?.ToModel(),
        FailureFunction = FailureFunction?.ToModel(),
        FlowControlKey = string.IsNullOrEmpty(FlowControlKey) ? null : FlowControlKey,
    };
}
