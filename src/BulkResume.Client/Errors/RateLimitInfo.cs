using System.Globalization;
using System.Net.Http.Headers;

namespace BulkResume;

/// <summary>What a <c>429</c> answer says about the limit that was hit.</summary>
public sealed class RateLimitInfo
{
    internal RateLimitInfo(long? limit, long? remaining, DateTimeOffset? reset, TimeSpan? retryAfter, bool isBurst)
    {
        Limit = limit;
        Remaining = remaining;
        Reset = reset;
        RetryAfter = retryAfter;
        IsBurstLimit = isBurst;
    }

    /// <summary>The number of requests the window allows, when the service said.</summary>
    public long? Limit { get; }

    /// <summary>The requests left in the window, when the service said.</summary>
    public long? Remaining { get; }

    /// <summary>When the window resets, when the service said.</summary>
    public DateTimeOffset? Reset { get; }

    /// <summary>The <c>Retry-After</c> delay, when the service sent one.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary><see langword="true"/> for the per-second burst limit (<c>Burst-RateLimit-*</c>), <see langword="false"/> for the daily limit (<c>RateLimit-*</c>).</summary>
    public bool IsBurstLimit { get; }

    internal static RateLimitInfo From(HttpResponseHeaders headers, DateTimeOffset now)
    {
        var isBurst = headers.Contains("Burst-RateLimit-Limit") || headers.Contains("Burst-RateLimit-Reset");
        var prefix = isBurst ? "Burst-RateLimit-" : "RateLimit-";
        var reset = ReadLong(headers, prefix + "Reset");
        TimeSpan? retryAfter = headers.RetryAfter?.Delta;
        if (retryAfter is null && headers.RetryAfter?.Date is { } date)
        {
            retryAfter = date - now;
        }

        return new RateLimitInfo(
            ReadLong(headers, prefix + "Limit"),
            ReadLong(headers, prefix + "Remaining"),
            reset is { } seconds ? FromUnixTime(seconds) : null,
            retryAfter,
            isBurst);
    }

    /// <summary>Reset values are Unix time; seconds in the service's headers, milliseconds from some proxies.</summary>
    private static DateTimeOffset FromUnixTime(long value) =>
        value > 100_000_000_000 ? DateTimeOffset.FromUnixTimeMilliseconds(value) : DateTimeOffset.FromUnixTimeSeconds(value);

    private static long? ReadLong(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values)
        && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
}
