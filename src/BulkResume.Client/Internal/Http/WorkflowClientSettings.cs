using BulkResume.DependencyInjection;

namespace BulkResume.Internal.Http;

/// <summary>An immutable, validated copy of <see cref="WorkflowClientOptions"/> taken when a client is created.</summary>
internal sealed class WorkflowClientSettings
{
    private static readonly WorkflowClientOptionsValidator Validator = new();

    private WorkflowClientSettings(WorkflowClientOptions options)
    {
        BaseUrl = options.BaseUrl.AbsoluteUri.TrimEnd('/');
        Token = options.Token.Trim();
        RetryEnabled = options.Retry.Enabled;
        MaxAttempts = options.Retry.MaxAttempts;
        BaseDelay = options.Retry.BaseDelay;
        MaxDelay = options.Retry.MaxDelay;
        MaxRateLimitWait = options.Retry.MaxRateLimitWait;
        AttemptTimeout = options.AttemptTimeout;
        TotalTimeout = options.TotalTimeout;
    }

    /// <summary>The base address without a trailing slash, ready to have a path appended.</summary>
    public string BaseUrl { get; }

    public string Token { get; }

    public bool RetryEnabled { get; }

    public int MaxAttempts { get; }

    public TimeSpan BaseDelay { get; }

    public TimeSpan MaxDelay { get; }

    public TimeSpan MaxRateLimitWait { get; }

    public TimeSpan AttemptTimeout { get; }

    public TimeSpan TotalTimeout { get; }

    /// <summary>Validates with the same rules as host start-up and takes the copy.</summary>
    /// <exception cref="ArgumentException">The options break a rule; the message lists every broken rule.</exception>
    public static WorkflowClientSettings From(WorkflowClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var result = Validator.Validate(name: null, options);
        if (result.Failed)
        {
            throw new ArgumentException(result.FailureMessage, nameof(options));
        }

        return new WorkflowClientSettings(options);
    }
}
