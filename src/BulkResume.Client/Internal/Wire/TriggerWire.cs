namespace BulkResume.Internal.Wire;

/// <summary>
/// The answer for one started run: <c>{"workflowRunId": "...", "workflowCreatedAt": ms, "deduplicated": true}</c>, from
/// <c>POST /v2/trigger/{url}</c> (without <c>deduplicated</c>) or as an item of <c>POST /v2/batch/trigger</c>'s array.
/// </summary>
internal sealed class TriggerResponseWire
{
    public string? WorkflowRunId { get; set; }

    /// <summary>Unix milliseconds; the batch endpoint documents them, and the single one the same field.</summary>
    public long? WorkflowCreatedAt { get; set; }

    public bool Deduplicated { get; set; }

    /// <summary>The run, with the id the client sent when the answer names none.</summary>
    public TriggeredRun ToModel(string sentRunId) => new(
        string.IsNullOrEmpty(WorkflowRunId) ? sentRunId : WorkflowRunId,
        WireValues.OptionalTime(WorkflowCreatedAt) ?? default,
        Deduplicated);
}

/// <summary>One run of <c>POST /v2/batch/trigger</c>: <c>{"destination": url, "headers": {...}, "body": "..."}</c>.</summary>
internal sealed class BatchTriggerItemWire
{
    public required string Destination { get; init; }

    /// <summary>The headers the single trigger would send, in the same order.</summary>
    public required Dictionary<string, string> Headers { get; init; }

    /// <summary>The payload as text; absent for none.</summary>
    public string? Body { get; init; }
}
