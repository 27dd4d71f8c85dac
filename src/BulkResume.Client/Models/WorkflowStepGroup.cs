namespace BulkResume;

/// <summary>
/// Steps of a <see cref="WorkflowRun"/> that ran one way (<see cref="WorkflowRun.StepGroups"/>; one of the run's
/// <c>steps</c> on the wire): a step that ran alone, steps that ran in parallel, or the steps running now.
/// </summary>
public sealed class WorkflowStepGroup
{
    internal WorkflowStepGroup(WorkflowStepGroupKind? kind, IReadOnlyList<WorkflowStep> steps)
    {
        Kind = kind;
        Steps = steps;
    }

    /// <summary>How the steps ran (<c>type</c>), a kind this SDK does not know included; null when the service did not say.</summary>
    public WorkflowStepGroupKind? Kind { get; }

    /// <summary>The group's steps, in the order the service lists them (<c>steps</c>).</summary>
    public IReadOnlyList<WorkflowStep> Steps { get; }

    /// <summary>The kind and the number of steps.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => $"{Kind?.ToString() ?? "no type"} ({Steps.Count} steps)";
}
