using System.ComponentModel.DataAnnotations;
using BulkResume.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BulkResume;

/// <summary>
/// Settings of a <see cref="WorkflowClient"/>: where the service is and how to authenticate.
/// The client copies these values when it is created, so changing an options object afterwards does not affect it.
/// </summary>
public sealed class WorkflowClientOptions
{
    /// <summary>The hosted service's default base address.</summary>
    public static readonly Uri DefaultBaseUrl = new("https://qstash.upstash.io");

    /// <summary>The environment variable that holds the token, as the official SDKs read it.</summary>
    public const string TokenEnvironmentVariable = "QSTASH_TOKEN";

    /// <summary>The environment variable that holds the base URL, as the official SDKs read it.</summary>
    public const string BaseUrlEnvironmentVariable = "QSTASH_URL";

    /// <summary>The service's base address. Defaults to <see cref="DefaultBaseUrl"/>; regional hosts and local engines work too.</summary>
    [AbsoluteHttpUrl(ErrorMessage = "WorkflowClientOptions.BaseUrl must be an absolute http or https URL such as https://qstash.upstash.io.")]
    public Uri BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>The bearer token sent as <c>Authorization: Bearer &lt;token&gt;</c>. Never logged or shown in exceptions.</summary>
    [Required(ErrorMessage = "WorkflowClientOptions.Token is required: set it (for example the Workflow:Token setting) to your service token, or read QSTASH_TOKEN with WorkflowClientOptions.FromEnvironment().")]
    public string Token { get; set; } = string.Empty;

    /// <summary>Retries of rate-limited and transiently failed requests.</summary>
    [ValidateObjectMembers]
    public WorkflowRetryOptions Retry { get; set; } = new();

    /// <summary>The longest one attempt may take before it is abandoned (and retried). Default 30 s.</summary>
    [TimeSpanRange("00:00:00.001", "01:00:00", ErrorMessage = "AttemptTimeout must be between 1 ms and 1 hour.")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest one request may take across all its attempts and waits. Default 3 minutes.</summary>
    [TimeSpanRange("00:00:00.001", "1.00:00:00", ErrorMessage = "TotalTimeout must be between 1 ms and 1 day.")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>
    /// Reads <c>QSTASH_TOKEN</c> and, when set, <c>QSTASH_URL</c> from the environment.
    /// </summary>
    /// <returns>New options filled from the environment.</returns>
    /// <exception cref="InvalidOperationException">The token variable is missing, or the URL variable is not an absolute http(s) URL.</exception>
    public static WorkflowClientOptions FromEnvironment()
    {
        var token = Environment.GetEnvironmentVariable(TokenEnvironmentVariable);
        if (string.IsNullOrWhiteSpace(token))
        {
            throw new InvalidOperationException(
                $"The environment variable {TokenEnvironmentVariable} is not set. Set it to your service token, or create WorkflowClientOptions with Token set.");
        }

        var options = new WorkflowClientOptions { Token = token.Trim() };
        var url = Environment.GetEnvironmentVariable(BaseUrlEnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(url))
        {
            if (!TryParseBaseUrl(url.Trim(), out var baseUrl))
            {
                throw new InvalidOperationException(
                    $"The environment variable {BaseUrlEnvironmentVariable} is not an absolute http or https URL. Set it to a URL such as {DefaultBaseUrl}, or unset it to use the default.");
            }

            options.BaseUrl = baseUrl;
        }

        return options;
    }

    /// <summary>Describes the options without revealing the token.</summary>
    /// <returns>The base URL and whether a token is set.</returns>
    public override string ToString() =>
        $"WorkflowClientOptions {{ BaseUrl = {BaseUrl}, Token = {(string.IsNullOrEmpty(Token) ? "(not set)" : "***")} }}";

    internal static bool TryParseBaseUrl(string value, out Uri url)
    {
        if (Uri.TryCreate(value, UriKind.Absolute, out var parsed) && IsHttp(parsed))
        {
            url = parsed;
            return true;
        }

        url = DefaultBaseUrl;
        return false;
    }

    internal static bool IsHttp(Uri url) =>
        url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp);
}
