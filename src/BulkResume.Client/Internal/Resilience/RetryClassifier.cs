using System.Net;
using Polly;
using Polly.Timeout;

namespace BulkResume.Internal.Resilience;

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

    public static string Describe(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: TimeoutRejectedException } => "attempt timed out",
        { Exception: HttpRequestException exception } => exception.HttpRequestError.ToString(),
        { Result: { } response } => ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => "unknown",
    };
}
