namespace BulkResume.Internal.Wire;

/// <summary>A waiter as <c>GET /v2/waiters/{eventId}</c> and a notify's answer give it.</summary>
internal sealed class WaiterWire
{
    public string? Url { get; set; }

    public Dictionary<string, IReadOnlyList<string>>? Headers { get; set; }

    /// <summary>Unix seconds.</summary>
    public long? Deadline { get; set; }

    /// <summary>Base64 on the wire, which the serializer decodes.</summary>
    public byte[]? TimeoutBody { get; set; }

    public string? TimeoutUrl { get; set; }

    public Dictionary<string, IReadOnlyList<string>>? TimeoutHeaders { get; set; }

    public EventWaiter ToModel() => new(
        Url,
        WireValues.Headers(Headers),
        Deadline is { } seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null,
        TimeoutBody ?? ReadOnlyMemory<byte>.Empty,
        TimeoutUrl,
        WireValues.Headers(TimeoutHeaders));
}

/// <summary>One waiter's outcome of a notify: <c>{"waiter": {...}, "messageId": "...", "deduplicated"?, "error"?, "workflowRunId"?, "workflowCreatedAt"?}</c>.</summary>
internal sealed class NotifyResponseWire
{
    public WaiterWire? Waiter { get; set; }

    public string? MessageId { get; set; }

    public bool Deduplicated { get; set; }

    public string? Error { get; set; }

    public string? WorkflowRunId { get; set; }

    /// <summary>Unix milliseconds.</summary>
    public long? WorkflowCreatedAt { get; set; }

    public NotifiedWaiter ToModel() => new(
        Waiter?.ToModel(),
        MessageId,
        Deduplicated,
        string.IsNullOrEmpty(Error) ? null : Error,
        string.IsNullOrEmpty(WorkflowRunId) ? null : WorkflowRunId,
        WireValues.OptionalTime(WorkflowCreatedAt));
}
