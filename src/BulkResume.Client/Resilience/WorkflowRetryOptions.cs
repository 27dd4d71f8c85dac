using System.ComponentModel.DataAnnotations;
using BulkResume.DependencyInjection;

namespace BulkResume;

/// <summary>How the client rides out rate limits and transient failures.</summary>
/// <remarks>
/// Retried: <c>429</c> (after the service's reset time or <c>Retry-After</c>, capped by
/// <see cref="MaxRateLimitWait"/>), <c>408</c>, <c>500</c>, <c>502</c>, <c>503</c>, <c>504</c>, attempt timeouts and
/// connection failures (exponential backoff with jitter), as Azure.Core does. Never retried: other <c>4xx</c>, whose
/// repeat would fail the same way. Retrying is safe: a bulk action by criteria can't act on an entry twice (acted-on
/// entries leave the DLQ), and an action on explicit ids whose earlier attempt may have been applied ends in
/// <see cref="OutcomeUnknownException"/>, never in a false "not found".
/// </remarks>
public sealed class WorkflowRetryOptions
{
    /// <summary>Whether failed attempts are retried at all.</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>The most attempts per request, the first included (1 to 20).</summary>
    /// <value>Default 5, as the official SDK.</value>
    [Range(1, 20, ErrorMessage = "Retry.MaxAttempts must be between 1 and 20.")]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The first backoff delay; later ones grow exponentially, with jitter.</summary>
    /// <value>Default 500 ms.</value>
    [TimeSpanRange("00:00:00", "00:10:00", ErrorMessage = "Retry.BaseDelay must be between 0 and 10 minutes.")]
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest backoff delay.</summary>
    /// <value>Default 30 s.</value>
    [TimeSpanRange("00:00:00", "01:00:00", ErrorMessage = "Retry.MaxDelay must be between 0 and 1 hour.")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait for a rate limit to reset before retrying.</summary>
    /// <value>Default 60 s.</value>
    [TimeSpanRange("00:00:00", "01:00:00", ErrorMessage = "Retry.MaxRateLimitWait must be between 0 and 1 hour.")]
    public TimeSpan MaxRateLimitWait { get; set; } = TimeSpan.FromSeconds(60);
}
