using System.Text.Json;

namespace BulkResume.Engine.Delivery;

/// <summary>
/// What one delivery sends and how it is retried: the engine's <see cref="Storage.DeliveryRecord.Definition"/>, fixed when
/// the delivery is enqueued so that every attempt sends the same body.
/// </summary>
internal sealed record DeliveryMessage
{
    /// <summary>A step of the run: its body is the run's history up to the delivered message.</summary>
    public const string StepKind = "step";

    /// <summary>The run's failure call: its body is the failure JSON of §4, its answer is kept on the DLQ entry.</summary>
    public const string FailureCallKind = "failureCall";

    /// <summary>A <c>context.call</c>: the request to the third party; each answer is delivered to the run as a callback.</summary>
    public const string CallKind = "call";

    /// <summary>A call's answer delivered to the workflow (<c>fromCallback</c>, notes §3.4): failed for good, it fails the run as a step does.</summary>
    public const string CallbackKind = "callback";

    /// <summary>A step waiting for an event (<c>context.waitForEvent</c>): nothing is sent; when it comes due, the wait times out.</summary>
    public const string WaitKind = "wait";

    /// <summary><see cref="StepKind"/>, <see cref="FailureCallKind"/>, <see cref="CallKind"/>, <see cref="CallbackKind"/> or <see cref="WaitKind"/>.</summary>
    public required string Kind { get; init; }

    /// <summary>Where it is sent.</summary>
    public required string Url { get; init; }

    /// <summary>The HTTP method.</summary>
    public string Method { get; init; } = "POST";

    /// <summary>The headers of every attempt (<c>Upstash-Retried</c> and <c>Upstash-Signature</c> are added per attempt).</summary>
    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    /// <summary>The body, UTF-8 text.</summary>
    public required string Body { get; init; }

    /// <summary>How many times it was retried before this attempt (<c>Upstash-Retried</c>).</summary>
    public int Retried { get; init; }

    /// <summary>How many retries it has after a failed first attempt.</summary>
    public int MaxRetries { get; init; }

    /// <summary>The retry-delay expression, or <see langword="null"/> for the service's exponential backoff.</summary>
    public string? RetryDelay { get; init; }

    /// <summary>At most this many deliveries of its flow-control key in flight, or <see langword="null"/>.</summary>
    public int? Parallelism { get; init; }

    /// <summary>At most this many deliveries of its flow-control key started per <see cref="PeriodSeconds"/>, or <see langword="null"/>.</summary>
    public int? Rate { get; init; }

    /// <summary>The window of <see cref="Rate"/> in seconds (one when not given).</summary>
    public long? PeriodSeconds { get; init; }

    /// <summary>The DLQ entry a failure call reports, or <see langword="null"/> for a step.</summary>
    public string? DlqId { get; init; }

    /// <summary>How long one attempt may take (a call's <c>upstash-timeout</c>), or <see langword="null"/> for the worker's timeout.</summary>
    public long? TimeoutSeconds { get; init; }

    /// <summary>Where a call's answers go (<c>upstash-callback</c>) and the headers of those deliveries, or <see langword="null"/> for any other kind.</summary>
    public CallCallback? Callback { get; init; }

    /// <summary>The waiter of a <see cref="WaitKind"/>, or <see langword="null"/> for any other kind.</summary>
    public EventWaiter? Waiter { get; init; }

    /// <summary>The definition as stored.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, DeliveryJsonContext.Default.DeliveryMessage);

    /// <summary>The definition a store returned.</summary>
    public static DeliveryMessage FromJson(string json) =>
        JsonSerializer.Deserialize(json, DeliveryJsonContext.Default.DeliveryMessage)
        ?? throw new InvalidDataException("A delivery's definition is stored as JSON null.");
}

/// <summary>Where a <c>context.call</c>'s answers are delivered: the workflow URL and the headers of those deliveries (notes §3.4).</summary>
/// <param name="Url">The <c>upstash-callback</c> URL (the workflow's).</param>
/// <param name="Headers">The callback deliveries' headers, from the call message's <c>upstash-callback-*</c> headers.</param>
internal sealed record CallCallback(string Url, IReadOnlyDictionary<string, string> Headers);
