namespace BulkResume;

/// <summary>A workflow run and its steps, as the run logs show it (<see cref="RunsClient"/>).</summary>
/// <remarks>
/// Read a resumed run to check that it kept the successful steps of the original run and ran only the failed and
/// pending ones again. What the service did not send is null or empty.
/// </remarks>
public sealed class WorkflowRun
{
    private readonly IReadOnlyList<WorkflowStepGroup> _stepGroups = [];

    internal WorkflowRun()
    {
    }

    /// <summary>The run's id (<c>workflowRunId</c>).</summary>
    public string WorkflowRunId { get; internal init; } = string.Empty;

    /// <summary>The workflow's URL (<c>workflowUrl</c>).</summary>
    public string WorkflowUrl { get; internal init; } = string.Empty;

    /// <summary>The run's state (<c>workflowState</c>), a state this SDK does not know included; null when the service did not say.</summary>
    public WorkflowRunState? State { get; internal init; }

    /// <summary>When the run was created (<c>workflowRunCreatedAt</c>).</summary>
    public DateTimeOffset CreatedAt { get; internal init; }

    /// <summary>When the run finished (<c>workflowRunCompletedAt</c>), or null while it runs.</summary>
    public DateTimeOffset? CompletedAt { get; internal init; }

    /// <summary>
    /// The run's steps in groups, in order (<c>steps</c>): a step that ran alone is a sequential group of one, steps
    /// that ran together one parallel group, and the steps running or scheduled now, in a run still going, the next group.
    /// </summary>
    public IReadOnlyList<WorkflowStepGroup> StepGroups
    {
        get => _stepGroups;
        internal init
        {
            _stepGroups = value;
            Steps = [.. value.SelectMany(group => group.Steps)];
        }
    }

    /// <summary>Every step of <see cref="StepGroups"/>, group after group, in order.</summary>
    public IReadOnlyList<WorkflowStep> Steps { get; private init; } = [];

    /// <summary>The DLQ entry of the run when it failed into the DLQ (<c>dlqId</c>), otherwise null.</summary>
    public string? DlqId { get; internal init; }

    /// <summary>The run's labels: <c>label</c> and <c>labels</c> of the wire, merged, each once; empty when none.</summary>
    public IReadOnlyList<string> Labels { get; internal init; } = [];

    /// <summary>The address the run was triggered from (<c>workflowRunCallerIp</c>).</summary>
    public string? CallerIp { get; internal init; }

    /// <summary>What the run returned (<c>workflowRunResponse</c>), once it finished.</summary>
    public string? Response { get; internal init; }

    /// <summary>The run that invoked this one (<c>invoker</c>), when another workflow invoked it.</summary>
    public WorkflowInvoker? Invoker { get; internal init; }

    /// <summary>The run's failure callback (<c>failureFunction</c>), when it has one.</summary>
    public FailureFunctionInfo? FailureFunction { get; internal init; }

    /// <summary>The run's flow-control key (<c>flowControlKey</c>), if it had one.</summary>
    public string? FlowControlKey { get; internal init; }

    /// <summary>The run id and state.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => $"{WorkflowRunId} ({State?.ToString() ?? "no state"}, {Steps.Count} steps)";
}
