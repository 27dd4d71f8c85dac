namespace BulkResume;

/// <summary>The service answered <c>429 Too Many Requests</c>; <see cref="RateLimit"/> says which limit and when it resets.</summary>
public sealed class RateLimitedException : WorkflowApiException
{
    /// <summary>Creates the exception for a rate-limited answer.</summary>
    /// <param name="errorMessage">The service's message.</param>
    /// <param name="requestMethod">The request's HTTP method.</param>
    /// <param name="requestPath">The request's path, without the query.</param>
    /// <param name="rateLimit">The limit the service reported.</param>
    public RateLimitedException(string errorMessage, string requestMethod, string requestPath, RateLimitInfo rateLimit)
        : base(429, errorMessage, requestMethod, requestPath)
    {
        ArgumentNullException.ThrowIfNull(rateLimit);
        RateLimit = rateLimit;
    }

    /// <summary>The limit, what remains of it, and when it resets.</summary>
    public RateLimitInfo RateLimit { get; }
}
