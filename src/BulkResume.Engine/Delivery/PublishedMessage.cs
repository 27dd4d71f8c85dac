namespace BulkResume.Engine.Delivery;

/// <summary>
/// A message the SDK published for a workflow run (<c>/v2/batch</c> entry or <c>/v2/publish</c>), read and checked: an
/// init message that creates a run with its settings, or a step message that appends to a run's history.
/// </summary>
internal sealed record PublishedMessage
{
    /// <summary>Where it goes: the workflow URL.</summary>
    public required string Destination { get; init; }

    /// <summary>The run (<c>upstash-workflow-runid</c>).</summary>
    public required string WorkflowRunId { get; init; }

    /// <summary>Whether it creates the run (<c>upstash-workflow-init: true</c>).</summary>
    public required bool IsInit { get; init; }

    /// <summary>The exact bytes of its body.</summary>
    public required byte[] Body { get; init; }

    /// <summary>Its <c>upstash-forward-*</c> headers, prefix stripped.</summary>
    public required IReadOnlyDictionary<string, string> ForwardHeaders { get; init; }

    /// <summary>Its <c>content-type</c>, if given.</summary>
    public string? ContentType { get; init; }

    /// <summary>How long after it is accepted it is delivered (<c>upstash-delay</c>), if given.</summary>
    public TimeSpan? Delay { get; init; }

    /// <summary>When it is delivered at the earliest (<c>upstash-not-before</c>), if given.</summary>
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>The step an append records in the run's logs; <see langword="null"/> for an init message and for a parallel plan (step id 0).</summary>
    public StepRecord? Step { get; init; }

    /// <summary>An init message's run settings (retries, retry delay, flow control, labels, failure callback), checked.</summary>
    public ResumeOverrides Settings { get; init; } = ResumeOverrides.None;

    /// <summary>An init message's <c>upstash-failure-callback-*</c> headers, prefix stripped.</summary>
    public IReadOnlyDictionary<string, string> FailureCallbackHeaders { get; init; } = new Dictionary<string, string>();

    /// <summary>How it was published (<c>upstash-workflow-calltype</c>): <c>step</c>, or <c>toCallback</c> for a <c>context.call</c>.</summary>
    public string CallType { get; init; } = "step";

    /// <summary>A <c>context.call</c>'s request to the third party (<see cref="Destination"/>), or <see langword="null"/> for a workflow message.</summary>
    public CallRequest? Call { get; init; }

    /// <summary>When it is due, accepted at <paramref name="now"/>.</summary>
    public DateTimeOffset DueAt(DateTimeOffset now)
    {
        DateTimeOffset due = now + (Delay ?? TimeSpan.Zero);
        return NotBefore is { } at && at > due ? at : due;
    }
}

/// <summary>What a <c>context.call</c> message asks of the service besides its destination, body and forwarded headers (notes §3.4).</summary>
/// <param name="Method">The call's HTTP method (<c>upstash-method</c>).</param>
/// <param name="Retries">How many times a failed call is retried (<c>upstash-retries</c>; the SDK's default 0).</param>
/// <param name="RetryDelay">The retry-delay expression, or <see langword="null"/> for the service's backoff.</param>
/// <param name="TimeoutSeconds">How long one attempt may take (<c>upstash-timeout</c>), or <see langword="null"/>.</param>
/// <param name="Callback">Where each answer is delivered.</param>
internal sealed record CallRequest(string Method, int Retries, string? RetryDelay, long? TimeoutSeconds, CallCallback Callback);

/// <summary>A message the engine will not take because it asks for a feature the emulator does not implement: answered 412, which the SDK turns into a non-retryable failure that names it.</summary>
internal sealed class UnsupportedFeatureException(string message) : Exception(message);
