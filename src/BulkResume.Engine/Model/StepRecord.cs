namespace BulkResume.Engine;

/// <summary>One step of a workflow run.</summary>
internal sealed record StepRecord
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

    /// <summary>
    /// How many times the step was to be retried when it ran (wire <c>retries</c>), as recorded then;
    /// <see langword="null"/> when not recorded, for a step that ran under its run's
    /// <see cref="WorkflowRunConfiguration.Retries"/>.
    /// </summary>
    /// <remarks>
    /// A resumed run keeps its kept steps' retries, whatever retries it is given for the steps it runs itself.
    /// </remarks>
    public int? Retries { get; init; }

    /// <summary>The id of the message that delivered the step (wire <c>messageId</c>), when known.</summary>
    public string? MessageId { get; init; }

    /// <summary>How the step was called (wire <c>callType</c>, such as <c>step</c>), when known.</summary>
    public string? CallType { get; init; }

    /// <summary>
    /// What only some steps have: the next delivery of a step being retried, the HTTP exchange of a <c>Call</c> step,
    /// the event of a <c>Wait</c> step, the run an <c>Invoke</c> step started.
    /// </summary>
    /// <remarks>Kept apart because most steps have none of it.</remarks>
    public StepDetails? Details { get; init; }
}
