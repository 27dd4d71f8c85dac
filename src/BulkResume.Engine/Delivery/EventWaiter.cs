namespace BulkResume.Engine.Delivery;

/// <summary>
/// A step of a run waiting for an event (<c>POST /v2/wait/{eventId}</c>, notes §3.3), kept as a delivery due at its
/// deadline so that it outlives a restart and times out on its own.
/// </summary>
/// <remarks>
/// Its delivery is queued under <see cref="Key"/> of its event, not under its run: the store reads a run's deliveries by
/// that key, so a notify finds an event's waiters in one read, and removing the delivery is what takes the waiter (a
/// notify and a timeout, or two notifies, never both take it).
/// </remarks>
internal sealed record EventWaiter
{
    /// <summary>Starts every event's queue key: a control character, which no run id may hold, so no run's deliveries are ever read as waiters.</summary>
    private const string KeyPrefix = "\u001Fevent:";

    /// <summary>The event waited for.</summary>
    public required string EventId { get; init; }

    /// <summary>The waiting run.</summary>
    public required string WorkflowRunId { get; init; }

    /// <summary>When the waiting run was created (Unix milliseconds).</summary>
    public required long WorkflowCreatedAt { get; init; }

    /// <summary>The wait step the SDK sent (<c>{"stepId","stepType","stepName","concurrent"[,"targetStep"]}</c>), JSON text.</summary>
    public required string Step { get; init; }

    /// <summary>The timeout as the SDK sent it (<c>"60s"</c>, <c>"7d"</c>), repeated in the step delivered.</summary>
    public required string Timeout { get; init; }

    /// <summary>The waiter as <c>GET /v2/waiters</c> and a notify answer show it.</summary>
    public required WaiterBody Waiter { get; init; }

    /// <summary>The queue key of <paramref name="eventId"/>'s waiters.</summary>
    public static string Key(string eventId) => KeyPrefix + eventId;
}

/// <summary>A waiter on the wire: where and with which headers the event goes, its deadline, and what a timeout sends.</summary>
internal sealed class WaiterBody
{
    public required string Url { get; init; }

    public required IReadOnlyDictionary<string, IReadOnlyList<string>> Headers { get; init; }

    /// <summary>When the wait times out (Unix seconds).</summary>
    public required long Deadline { get; init; }

    /// <summary>A body the timeout sends instead of the timed-out step, base64; the SDK sends none.</summary>
    public string? TimeoutBody { get; init; }

    public required string TimeoutUrl { get; init; }

    public required IReadOnlyDictionary<string, IReadOnlyList<string>> TimeoutHeaders { get; init; }
}

/// <summary>One element of a notify's answer: the waiter notified, the message that delivers the event, and the run.</summary>
internal sealed class NotifiedWaiterBody
{
    public required WaiterBody Waiter { get; init; }

    public required string MessageId { get; init; }

    public required string WorkflowRunId { get; init; }

    public required long WorkflowCreatedAt { get; init; }
}
