namespace BulkResume.Engine.Http.Wire;

/// <summary>
/// One step in the run logs (<c>StepInfo</c>): <c>stepType</c> like <c>Run</c>, <c>state</c> like <c>STEP_SUCCESS</c>,
/// times in Unix ms; <c>stepId</c>, <c>retries</c> and <c>retryDelay</c> absent on the Initial step, which is not
/// retried.
/// </summary>
/// <remarks>
/// <c>retries</c> is the step's own as recorded (a resumed run's kept step ran with the failed run's), else its run's.
/// </remarks>
internal sealed class StepLogBody
{
    public long? StepId { get; init; }

    public required string StepName { get; init; }

    public required string StepType { get; init; }

    public string? CallType { get; init; }

    public string? MessageId { get; init; }

    public required int Concurrent { get; init; }

    public required string State { get; init; }

    public required long CreatedAt { get; init; }

    public string? Out { get; init; }

    public int? Retries { get; init; }

    public string? RetryDelay { get; init; }

    public long? NextDeliveryTime { get; init; }

    public string? CallUrl { get; init; }

    public string? CallMethod { get; init; }

    public string? CallBody { get; init; }

    public IReadOnlyDictionary<string, IReadOnlyList<string>>? CallHeaders { get; init; }

    public int? CallResponseStatus { get; init; }

    public string? CallResponseBody { get; init; }

    public IReadOnlyDictionary<string, IReadOnlyList<string>>? CallResponseHeaders { get; init; }

    public string? WaitEventId { get; init; }

    public bool? WaitTimeout { get; init; }

    public string? InvokedWorkflowRunId { get; init; }

    public string? InvokedWorkflowUrl { get; init; }

    public static StepLogBody From(StepRecord step, WorkflowRunConfiguration configuration, BodyTrim trim)
    {
        bool initial = step.StepType == Engine.StepType.Initial;
        StepDetails? details = step.Details;
        return new()
        {
            StepId = initial ? null : step.StepId,
            StepName = step.StepName,
            StepType = WireNames.Of(step.StepType),
            CallType = step.CallType,
            MessageId = step.MessageId,
            Concurrent = step.Concurrent,
            State = WireNames.Of(step.State),
            CreatedAt = step.CreatedAt.ToUnixTimeMilliseconds(),
            Out = trim.Apply(step.Out),
            Retries = initial ? null : step.Retries ?? configuration.Retries,
            RetryDelay = initial ? null : configuration.RetryDelay,
            NextDeliveryTime = details?.NextDeliveryTime?.ToUnixTimeMilliseconds(),
            CallUrl = details?.CallUrl,
            CallMethod = details?.CallMethod,
            CallBody = trim.Apply(details?.CallBody),
            CallHeaders = details is null ? null : DlqMessageBody.NullIfEmpty(details.CallHeaders),
            CallResponseStatus = details?.CallResponseStatus,
            CallResponseBody = trim.Apply(details?.CallResponseBody),
            CallResponseHeaders = details is null ? null : DlqMessageBody.NullIfEmpty(details.CallResponseHeaders),
            WaitEventId = details?.WaitEventId,
            WaitTimeout = details?.WaitTimeout,
            InvokedWorkflowRunId = details?.InvokedWorkflowRunId,
            InvokedWorkflowUrl = details?.InvokedWorkflowUrl,
        };
    }
}
