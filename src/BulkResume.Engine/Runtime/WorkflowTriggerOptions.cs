namespace BulkResume.Engine;

/// <summary>How <see cref="WorkflowRuntime.TriggerAsync"/> configures a new run; every setting has the service's default.</summary>
public sealed class WorkflowTriggerOptions
{
    /// <summary>The defaults: 3 retries, no labels, no flow control.</summary>
    public static WorkflowTriggerOptions Default { get; } = new();

    /// <summary>How many times a failing step is retried before the run fails; 0 or more (default 3). Retries follow one another without delay.</summary>
    public int Retries { get; init; } = 3;

    /// <summary>The labels the run carries, and its DLQ entry if it fails (default none).</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>The run's flow-control key, or <see langword="null"/> (default). It is recorded, not enforced.</summary>
    public string? FlowControlKey { get; init; }
}
