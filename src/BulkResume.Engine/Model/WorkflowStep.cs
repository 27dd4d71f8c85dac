namespace BulkResume.Engine.Model;

/// <summary>One step of a workflow run.</summary>
public sealed record WorkflowStep
{
    /// <summary>The step's id within its run.</summary>
    public required long StepId { get; init; }

    /// <summary>The step's name, as the workflow code gives it.</summary>
    public required string StepName { get; init; }

    /// <summary>What the step does.</summary>
    public required StepType StepType { get; init; }

    /// <summary>The step's output (JSON text), or <see langword="null"/> when it produced none.</summary>
    public string? Out { get; init; }

    /// <summary>How many steps ran in parallel with this one (1 when sequential).</summary>
    public int Concurrent { get; init; } = 1;

    /// <summary>The step's state.</summary>
    public required StepState State { get; init; }

    /// <summary>When the step was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }
}
