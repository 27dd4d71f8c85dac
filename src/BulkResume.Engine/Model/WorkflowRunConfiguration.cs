namespace BulkResume.Engine.Model;

/// <summary>The flow-control and retry settings of a workflow run.</summary>
public sealed record WorkflowRunConfiguration
{
    /// <summary>The flow-control key, or <see langword="null"/> when the run is not flow-controlled.</summary>
    public string? FlowControlKey { get; init; }

    /// <summary>How many steps of runs with this key may run at once.</summary>
    public int? Parallelism { get; init; }

    /// <summary>How many steps of runs with this key may start per <see cref="Period"/>.</summary>
    public int? Rate { get; init; }

    /// <summary>The window of <see cref="Rate"/>.</summary>
    public TimeSpan? Period { get; init; }

    /// <summary>How many times a failing step is retried.</summary>
    public int Retries { get; init; }
}
