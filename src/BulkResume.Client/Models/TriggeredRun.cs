namespace BulkResume;

/// <summary>A workflow run a trigger started (or found already started with the same id).</summary>
/// <remarks>Build one with <see cref="DlqModelFactory.TriggeredRun"/> in a test.</remarks>
public sealed class TriggeredRun
{
    internal TriggeredRun(string workflowRunId, DateTimeOffset workflowCreatedAt, bool deduplicated)
    {
        WorkflowRunId = workflowRunId;
        WorkflowCreatedAt = workflowCreatedAt;
        Deduplicated = deduplicated;
    }

    /// <summary>Gets the run's id: the one the request gave, or the one the client made for it.</summary>
    public string WorkflowRunId { get; }

    /// <summary>Gets when the service created the run (millisecond precision); <c>default</c> when its answer did not say.</summary>
    public DateTimeOffset WorkflowCreatedAt { get; }

    /// <summary>
    /// Gets whether the service already had a run with this id and created none: an earlier trigger with the same
    /// <see cref="WorkflowTriggerRequest.WorkflowRunId"/>, or this call's own attempt whose answer was lost, which its
    /// retry then found.
    /// </summary>
    /// <remarks>Only a list of triggers (<c>POST /v2/batch/trigger</c>) is answered with it; a single trigger reads false.</remarks>
    public bool Deduplicated { get; }

    /// <summary>The run id and creation time.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() =>
        $"{WorkflowRunId} (created {WorkflowCreatedAt:O}{(Deduplicated ? ", deduplicated" : string.Empty)})";
}
