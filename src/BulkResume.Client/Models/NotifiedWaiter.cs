namespace BulkResume;

/// <summary>What a notify did for one waiter: the message that carries the event to it, or why it failed.</summary>
/// <remarks>Build one with <see cref="DlqModelFactory.NotifiedWaiter"/> in a test.</remarks>
public sealed class NotifiedWaiter
{
    internal NotifiedWaiter(EventWaiter? waiter, string? messageId, bool deduplicated, string? error, string? workflowRunId, DateTimeOffset? workflowCreatedAt)
    {
        Waiter = waiter;
        MessageId = messageId;
        Deduplicated = deduplicated;
        Error = error;
        WorkflowRunId = workflowRunId;
        WorkflowCreatedAt = workflowCreatedAt;
    }

    /// <summary>Gets the waiter notified; null when the service did not say (a notification saved for a run with no waiter yet).</summary>
    public EventWaiter? Waiter { get; }

    /// <summary>Gets the id of the message that delivers the event to the waiter.</summary>
    public string? MessageId { get; }

    /// <summary>Gets whether the service found the notification's message already sent and sent none.</summary>
    public bool Deduplicated { get; }

    /// <summary>Gets why this waiter could not be notified; null when it was.</summary>
    public string? Error { get; }

    /// <summary>Gets the waiting run's id, when the service names it.</summary>
    public string? WorkflowRunId { get; }

    /// <summary>Gets when the waiting run was created, when the service says.</summary>
    public DateTimeOffset? WorkflowCreatedAt { get; }

    /// <summary>The run, the message and the error if any.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() =>
        $"{WorkflowRunId ?? "(run not named)"}: {(Error is null ? MessageId ?? "(no message id)" : "failed: " + Error)}";
}
