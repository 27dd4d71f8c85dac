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

    /// <summary><see cref="StepKind"/> or <see cref="FailureCallKind"/>.</summary>
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

    /// <summary>The definition as stored.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, DeliveryJsonContext.Default.DeliveryMessage);

    /// <summary>The definition a store returned.</summary>
    public static DeliveryMessage FromJson(string json) =>
        JsonSerializer.Deserialize(json, DeliveryJsonContext.Default.DeliveryMessage)
        ?? throw new InvalidDataException("A delivery's definition is stored as JSON null.");
}
