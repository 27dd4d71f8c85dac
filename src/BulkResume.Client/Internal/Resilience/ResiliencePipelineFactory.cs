using System.Net;
using BulkResume.Internal.Diagnostics;
using BulkResume.Internal.Http;
using Microsoft.Extensions.Logging;
using Polly.Retry;
using Polly.Timeout;
using Polly;

namespace BulkResume.Internal.Resilience;

/// <summary>
/// Builds the Polly pipeline every request goes through: a total timeout, then retries (429 after the reset time,
/// transient failures with exponential backoff and jitter), then the wait for the client's <see cref="RateLimitGate"/>,
/// then a per-attempt timeout.
/// </summary>
/// <remarks>All waits use the client's <see cref="TimeProvider"/>.</remarks>
internal static class ResiliencePipelineFactory
{
    public static ResiliencePipeline<HttpResponseMessage> Create(WorkflowClientSettings settings, TimeProvider timeProvider, RateLimitGate gate, ILogger logger, ClientTelemetry telemetry)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider };
        builder.AddTimeout(new TimeoutStrategyOptions { Timeout = settings.TotalTimeout });

        if (settings.RetryEnabled && settings.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = settings.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.BaseDelay,
                MaxDelay = settings.MaxDelay,
                ShouldHandle = args => new ValueTask<bool>(
                    RetryClassifier.IsTransient(args.Outcome)
                    && (!args.Context.Properties.TryGetValue(RequestKey, out var request) || request.RetryWhenInDoubt || !RetryClassifier.MayHaveBeenApplied(args.Outcome))),
                DelayGenerator = args => new ValueTask<TimeSpan?>(RateLimitDelay(args.Outcome, settings, timeProvider, gate)),
                OnRetry = args =>
                {
                    if (args.Context.Properties.TryGetValue(RequestKey, out var request))
                    {
                        Log.RetryScheduled(logger, request.Method.Method, request.Path, args.AttemptNumber + 1, RetryClassifier.Describe(args.Outcome), args.RetryDelay.TotalMilliseconds);
                        telemetry.Retries.Add(1, new KeyValuePair<string, object?>("url.template", request.Route));
                    }

                    return default;
                },
            });
        }

        builder.AddStrategy(_ => new RateLimitGateStrategy(gate, timeProvider));
        builder.AddTimeout(new TimeoutStrategyOptions { Timeout = settings.AttemptTimeout });
        return builder.Build();
    }

    /// <summary>The request a pipeline execution is for, so that retries can be logged with its method and path.</summary>
    public static readonly ResiliencePropertyKey<WorkflowRequest> RequestKey = new("BulkResume.Request");

    /// <summary>
    /// For a 429: until <c>Retry-After</c> or the limit's reset (see <see cref="RateLimitPause"/>); the same wait pauses
    /// the client's other requests (<paramref name="gate"/>).
    /// </summary>
    /// <remarks>Otherwise null: the exponential backoff.</remarks>
    private static TimeSpan? RateLimitDelay(Outcome<HttpResponseMessage> outcome, WorkflowClientSettings settings, TimeProvider timeProvider, RateLimitGate gate)
    {
        if (outcome.Result is not { StatusCode: HttpStatusCode.TooManyRequests } response)
        {
            return null;
        }

        var now = timeProvider.GetUtcNow();
        var pause = RateLimitPause(RateLimitInfo.From(response.Headers, now), now, settings);
        gate.PauseUntil(now, now + pause);
        return pause;
    }

    /// <summary>
    /// How long a 429 holds the client: until <c>Retry-After</c> or the limit's reset, capped; when it names no time, or
    /// one already past (a clock behind the service's), at least a jittered <see cref="WorkflowRetryOptions.BaseDelay"/>,
    /// so that a busy service is not asked again at once by every caller.
    /// </summary>
    /// <param name="limit">What the 429 said.</param>
    /// <param name="now">The client's clock when it came.</param>
    /// <param name="settings">The client's base delay and cap.</param>
    public static TimeSpan RateLimitPause(RateLimitInfo limit, DateTimeOffset now, WorkflowClientSettings settings)
    {
        var minimum = settings.BaseDelay * (1 + Random.Shared.NextDouble());
        var wait = limit.RetryAfter ?? (limit.Reset is { } reset ? reset - now : null);
        return wait is not { } delay || delay < minimum ? minimum
            : delay > settings.MaxRateLimitWait ? settings.MaxRateLimitWait
            : delay;
    }
}

/// <summary>Which outcomes are worth another attempt, and which leave the request's effect unknown.</summary>
internal static class RetryClassifier
{
    public static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result: { } response } => IsTransient(response.StatusCode),
        _ => false,
    };

    public static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout or HttpStatusCode.InternalServerError
            or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    /// <summary>A 5xx answer may come after the service applied the request; 4xx answers (429 included) mean it did not.</summary>
    public static bool MayHaveBeenApplied(HttpStatusCode status) => (int)status >= 500;

    /// <summary>The service answered and did not apply this attempt (3xx or 4xx).</summary>
    /// <remarks>
    /// An earlier attempt in doubt stays in doubt only if the refusal is the one a repeat of an applied request gets;
    /// no answer, or a 5xx, leaves it in doubt.
    /// </remarks>
    public static bool IsRefusal(int status) => status is >= 300 and < 500;

    /// <summary>A connection that was never made can't have delivered the request; anything else may have.</summary>
    public static bool MayHaveBeenApplied(HttpRequestException exception) =>
        exception.HttpRequestError is not (HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError);

    /// <summary>Whether an attempt that ended so may have reached the service and been applied.</summary>
    public static bool MayHaveBeenApplied(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException exception } => MayHaveBeenApplied(exception),
        { Result: { } response } => MayHaveBeenApplied(response.StatusCode),
        _ => true,
    };

    public static string Describe(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: TimeoutRejectedException } => "attempt timed out",
        { Exception: HttpRequestException exception } => exception.HttpRequestError.ToString(),
        { Result: { } response } => ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => "unknown",
    };
}
