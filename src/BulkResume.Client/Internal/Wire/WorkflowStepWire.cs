using System.Text.Json;

namespace BulkResume.Internal.Wire;

/// <summary>One step of a run in the run logs (a <c>StepInfo</c>).</summary>
/// <remarks>Text that may come as other JSON is read as <see cref="JsonElement"/>.</remarks>
internal sealed class WorkflowStepWire
{
    public long? StepId { get; set; }

    public string? StepName { get; set; }

    public WorkflowStepType? StepType { get; set; }

    public string? CallType { get; set; }

    public string? MessageId { get; set; }

    public JsonElement? Out { get; set; }

    public int? Concurrent { get; set; }

    public WorkflowStepState? State { get; set; }

    public long CreatedAt { get; set; }

    public int? Retries { get; set; }

    public JsonElement? RetryDelay { get; set; }

    public long? NextDeliveryTime { get; set; }

    public string? CallUrl { get; set; }

    public string? CallMethod { get; set; }

    public JsonElement? CallBody { get; set; }

    public Dictionary<string, IReadOnlyList<string>>? CallHeaders { get; set; }

    public int? CallResponseStatus { get; set; }

    public JsonElement? CallResponseBody { get; set; }

    public Dictionary<string, IReadOnlyList<string>>? CallResponseHeaders { get; set; }

    public string? WaitEventId { get; set; }

    public bool? WaitTimeout { get; set; }

    public string? InvokedWorkflowRunId { get; set; }

    public string? InvokedWorkflowUrl { get; set; }

    public WorkflowStep ToModel() => new()
    {
        StepId = StepId,
        StepName = StepName ?? string.Empty,
        StepType = StepType,
        CallType = CallType,
        MessageId = MessageId,
        Output = WireValues.Text(Out),
        Concurrent = Concurrent ?? 1,
        State = State,
        CreatedAt = WireValues.Time(CreatedAt),
        Retries = Retries,
        RetryDelay = WireValues.Text(RetryDelay),
        NextDeliveryTime = WireValues.OptionalTime(NextDeliveryTime),
        CallUrl = CallUrl,
        CallMethod = CallMethod,
        CallBody = WireValues.Text(CallBody),
        CallHeaders = WireValues.Headers(CallHeaders),
        CallResponseStatus = CallResponseStatus,
        CallResponseBody = WireValues.Text(CallResponseBody),
        CallResponseHeaders = WireValues.Headers(CallResponseHeaders),
        WaitEventId = WaitEventId,
        WaitTimedOut = WaitTimeout,
        InvokedWorkflowRunId = InvokedWorkflowRunId,
        InvokedWorkflowUrl = InvokedWorkflowUrl,
    };
}
