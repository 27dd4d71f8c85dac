using System.Globalization;
using System.Text;

namespace BulkResume.Engine.Delivery;

/// <summary>How an endpoint answered one attempt, or that it did not (<see cref="Status"/> 0: no connection, a timeout).</summary>
/// <param name="Status">The HTTP status, or 0 when no answer came.</param>
/// <param name="Headers">The answer's headers (response and content headers).</param>
/// <param name="Body">The answer's body, or for no answer the reason in words.</param>
internal sealed record DeliveryAnswer(int Status, IReadOnlyDictionary<string, IReadOnlyList<string>> Headers, byte[] Body)
{
    /// <summary>The longest wait a <c>Retry-After</c> may ask for.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromDays(1);

    /// <summary>A 2xx: the message is delivered.</summary>
    public bool Succeeded => Status is >= 200 and < 300;

    /// <summary>A <c>489</c> with <c>Upstash-NonRetryable-Error: true</c>: the SDK's <c>WorkflowNonRetryableError</c>, failed at once.</summary>
    public bool NonRetryable => Status == 489 && string.Equals(Header("Upstash-NonRetryable-Error"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The name of the step whose function threw (<c>Upstash-Error-Step-Name</c>), if the SDK said.</summary>
    public string? ErrorStepName => Header("Upstash-Error-Step-Name") is { Length: > 0 } name ? name : null;

    /// <summary>No answer, for <paramref name="reason"/>.</summary>
    public static DeliveryAnswer None(string reason) =>
        new(0, new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase), Encoding.UTF8.GetBytes(reason));

    /// <summary>The wait a <c>Retry-After</c> asks for (seconds or an HTTP date), at most a day; <see langword="null"/> when there is none.</summary>
    public TimeSpan? RetryAfter(DateTimeOffset now)
    {
        if (Header("Retry-After") is not { } value)
        {
            return null;
        }

        TimeSpan? wait = long.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long seconds)
            ? TimeSpan.FromSeconds(Math.Min(seconds, (long)MaxRetryAfter.TotalSeconds))
            : DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset at)
                ? at - now
                : null;
        return wait is not { } given ? null : given < TimeSpan.Zero ? TimeSpan.Zero : given > MaxRetryAfter ? MaxRetryAfter : given;
    }

    /// <summary>The first value of a header, or <see langword="null"/>.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out IReadOnlyList<string>? values) && values.Count > 0 ? values[0] : null;
}
