using BulkResume.Internal.Wire;

namespace BulkResume;

/// <summary>One step of a <see cref="WorkflowRun"/> (a <c>StepInfo</c> on the wire).</summary>
/// <remarks>What the service did not send is null or empty.</remarks>
public sealed class WorkflowStep
{
    internal WorkflowStep()
    {
    }

    /// <summary>The step's id within its run (<c>stepId</c>); null for the Initial step, which has none.</summary>
    public long? StepId { get; internal init; }

    /// <summary>The step's name, as the workflow code gives it (<c>stepName</c>).</summary>
    public string StepName { get; internal init; } = string.Empty;

    /// <summary>What the step does (<c>stepType</c>), a type this SDK does not know included; null when the service did not say.</summary>
    public WorkflowStepType? StepType { get; internal init; }

    /// <summary>The kind of call that delivered the step (<c>callType</c>, such as <c>step</c>, <c>parallelPlan</c> or <c>parallelResult</c>).</summary>
    public string? CallType { get; internal init; }

    /// <summary>The id of the step's message (<c>messageId</c>).</summary>
    public string? MessageId { get; internal init; }

    /// <summary>The step's output as the service returns it (<c>out</c>; usually JSON text), or null when it produced none.</summary>
    public string? Output { get; internal init; }

    /// <summary>How many steps ran in parallel with this one (<c>concurrent</c>; 1 when sequential).</summary>
    public int Concurrent { get; internal init; } = 1;

    /// <summary>The step's state (<c>state</c>), a state this SDK does not know included; null when the service did not say.</summary>
    public WorkflowStepState? State { get; internal init; }

    /// <summary>When the step was created (<c>createdAt</c>).</summary>
    public DateTimeOffset CreatedAt { get; internal init; }

    /// <summary>The most retries of the step (<c>retries</c>).</summary>
    public int? Retries { get; internal init; }

    /// <summary>The step's retry-delay expression (<c>retryDelay</c>; see <see cref="ResumeOptions.RetryDelay"/>).</summary>
    public string? RetryDelay { get; internal init; }

    /// <summary>When the step is next delivered, while it is retried or scheduled (<c>nextDeliveryTime</c>).</summary>
    public DateTimeOffset? NextDeliveryTime { get; internal init; }

    /// <summary>The URL a Call step called (<c>callUrl</c>).</summary>
    public string? CallUrl { get; internal init; }

    /// <summary>The HTTP method of a Call step (<c>callMethod</c>).</summary>
    public string? CallMethod { get; internal init; }

    /// <summary>The body a Call step sent (<c>callBody</c>).</summary>
    public string? CallBody { get; internal init; }

    /// <summary>The headers a Call step sent (<c>callHeaders</c>; names compared case-insensitively); empty when none.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> CallHeaders { get; internal init; } = WireValues.NoHeaders;

    /// <summary>The status a Call step's URL answered (<c>callResponseStatus</c>).</summary>
    public int? CallResponseStatus { get; internal init; }

    /// <summary>The body a Call step's URL answered (<c>callResponseBody</c>).</summary>
    public string? CallResponseBody { get; internal init; }

    /// <summary>The headers a Call step's URL answered (<c>callResponseHeaders</c>; names compared case-insensitively); empty when none.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> CallResponseHeaders { get; internal init; } = WireValues.NoHeaders;

    /// <summary>The event a Wait step waits for (<c>waitEventId</c>).</summary>
    public string? WaitEventId { get; internal init; }

    /// <summary>Whether a Wait step timed out before its event came (<c>waitTimeout</c>).</summary>
    public bool? WaitTimedOut { get; internal init; }

    /// <summary>The run an Invoke step started (<c>invokedWorkflowRunId</c>).</summary>
    public string? InvokedWorkflowRunId { get; internal init; }

    /// <summary>The workflow an Invoke step invoked (<c>invokedWorkflowUrl</c>).</summary>
    public string? InvokedWorkflowUrl { get; internal init; }

    /// <summary>The step's id (when it has one), name and state.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() =>
        $"{(StepId is { } id ? $"{id} " : string.Empty)}{StepName} ({State?.ToString() ?? "no state"})";
}
