namespace BulkResume.Internal.Wire;

/// <summary>One group of a run's <c>steps</c> (a <c>GroupedSteps</c>): <c>{"type": "sequential" | "parallel" | "next", "steps": [...]}</c>.</summary>
internal sealed class WorkflowStepGroupWire
{
    public WorkflowStepGroupKind? Type { get; set; }

    public List<WorkflowStepWire?>? Steps { get; set; }

    public WorkflowStepGroup ToModel() => new(
        Type,
        Steps is null ? [] : [.. Steps.OfType<WorkflowStepWire>().Select(step => step.ToModel())]);
}
