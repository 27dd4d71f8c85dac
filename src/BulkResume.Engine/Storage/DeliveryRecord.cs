namespace BulkResume.Engine.Storage;

/// <summary>
/// A message the engine is to deliver to a workflow endpoint (a step of a run, its failure call, a call's callback), as a
/// store keeps it: its id, its run, when it is due, who holds it now, and the engine's definition of what to send.
/// </summary>
/// <remarks>
/// The store reads only <see cref="MessageId"/>, <see cref="WorkflowRunId"/>, <see cref="DueAt"/> and
/// <see cref="LeasedUntil"/>; <see cref="Definition"/> is the engine's (address, headers, body, attempt, retries) and is
/// stored and returned as it is. A delivery stays stored until its answer is recorded, so a process that stops while
/// one is in flight leaves it to be claimed again once its lease ends.
/// </remarks>
public sealed class DeliveryRecord
{
    /// <summary>Creates a record.</summary>
    /// <param name="messageId">The message's id, unique in the store.</param>
    /// <param name="workflowRunId">The run the message belongs to.</param>
    /// <param name="dueAt">The earliest time it may be sent.</param>
    /// <param name="flowControlKey">The run's flow-control key, or <see langword="null"/>.</param>
    /// <param name="definition">The engine's JSON of the message.</param>
    /// <param name="leasedUntil">Until when a process that claimed it holds it, or <see langword="null"/> when no one does.</param>
    public DeliveryRecord(string messageId, string workflowRunId, DateTimeOffset dueAt, string? flowControlKey, string definition, DateTimeOffset? leasedUntil = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentException.ThrowIfNullOrEmpty(workflowRunId);
        ArgumentException.ThrowIfNullOrEmpty(definition);
        MessageId = messageId;
        WorkflowRunId = workflowRunId;
        DueAt = dueAt;
        FlowControlKey = flowControlKey;
        Definition = definition;
        LeasedUntil = leasedUntil;
    }

    /// <summary>The message's id, unique in the store.</summary>
    public string MessageId { get; }

    /// <summary>The run the message belongs to.</summary>
    public string WorkflowRunId { get; }

    /// <summary>The earliest time the message may be sent.</summary>
    public DateTimeOffset DueAt { get; }

    /// <summary>The run's flow-control key, or <see langword="null"/> when the run is not flow-controlled.</summary>
    public string? FlowControlKey { get; }

    /// <summary>The engine's JSON of the message, stored and returned as it is.</summary>
    public string Definition { get; }

    /// <summary>Until when the process that claimed the message holds it, or <see langword="null"/> when no one does.</summary>
    public DateTimeOffset? LeasedUntil { get; }
}
