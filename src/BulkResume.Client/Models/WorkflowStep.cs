namespace BulkResume;

/// <summary>One step of a <see cref="WorkflowRun"/>.</summary>
public sealed class WorkflowStep
{
    internal WorkflowStep(long stepId, string stepName, WorkflowStepType? stepType, string? output, int concurrent, WorkflowStepState? state, DateTimeOffset createdAt)
    {
        StepId = stepId;
        StepName = stepName;
        StepType = stepType;
        Output = output;
        Concurrent = concurrent;
        State = state;
        CreatedAt = createdAt;
    }

    /// <summary>The step's id within its run (<c>stepId</c>).</summary>
    public long StepId { get; }

    /// <summary>The step's name, as the workflow code gives it (<c>stepName</c>).</summary>
    public string StepName { get; }

    /// <summary>What the step does; null when the service sent a type this SDK does not know.</summary>
    public WorkflowStepType? StepType { get; }

    /// <summary>The step's output as the service returns it (<c>out</c>; usually JSON text), or null when it produced none.</summary>
    public string? Output { get; }

    /// <summary>How many steps ran in parallel with this one (<c>concurrent</c>; 1 when sequential).</summary>
    public int Concurrent { get; }

    /// <summary>The step's state; null when the service sent a state this SDK does not know.</summary>
    public WorkflowStepState? State { get; }

    /// <summary>When the step was created.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>The step's id, name and state.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => $"{StepId} {StepName} ({State?.ToString() ?? "unknown state"})";
}
