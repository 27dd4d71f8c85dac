namespace BulkResume.Internal.Wire;

/// <summary>One run of the run logs, with its steps.</summary>
internal sealed class WorkflowRunWire
{
    public string? WorkflowRunId { get; set; }

    public string? WorkflowUrl { get; set; }

    public string? WorkflowState { get; set; }

    public long WorkflowRunCreatedAt { get; set; }

    public long? WorkflowRunCompletedAt { get; set; }

    public List<WorkflowStepWire>? Steps { get; set; }

    public string? DlqId { get; set; }

    public WorkflowRun ToModel() => new(
        WorkflowRunId ?? string.Empty,
        WorkflowUrl ?? string.Empty,
        WorkflowStateNames.RunState(WorkflowState),
        WireValues.Time(WorkflowRunCreatedAt),
        WireValues.OptionalTime(WorkflowRunCompletedAt),
        Steps is null ? [] : Steps.ConvertAll(step => step.ToModel()),
        string.IsNullOrEmpty(DlqId) ? null : DlqId);
}
