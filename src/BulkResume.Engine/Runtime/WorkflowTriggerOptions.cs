namespace BulkResume.Engine;

/// <summary>How <see cref="WorkflowRuntime.TriggerAsync"/> configures a new run; every setting has the service's default.</summary>
public sealed class WorkflowTriggerOptions
{
    /// <summary>The defaults: 3 retries, no labels, no flow control.</summary>
    public static WorkflowTriggerOptions Default { get; } = new();

    /// <summary>How many times a failing step is retried before the run fails; 0 or more.</summary>
    /// <value>Default 3.</value>
    /// <remarks>Retries follow one another without delay.</remarks>
    public int Retries { get; init; } = 3;

    /// <summary>The labels the run carries, and its DLQ entry if it fails.</summary>
    /// <value>Default none.</value>
    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>The run's flow-control key, or <see langword="null"/>.</summary>
    /// <value>Default <see langword="null"/>.</value>
    /// <remarks>It is recorded, not enforced.</remarks>
    public string? FlowControlKey { get; init; }
}
