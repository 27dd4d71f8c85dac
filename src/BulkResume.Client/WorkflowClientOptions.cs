using System.ComponentModel.DataAnnotations;
using BulkResume.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BulkResume;

/// <summary>Settings of a <see cref="WorkflowClient"/>: where the service is and how to authenticate.</summary>
/// <remarks>
/// The client copies these values when it is created, so changing an options object afterwards does not affect it.
/// </remarks>
public sealed class WorkflowClientOptions
{
    /// <summary>The hosted service's default base address.</summary>
    public static readonly Uri DefaultBaseUrl = new("https://qstash.upstash.io");

    /// <summary>The environment variable that holds the token, as the official SDKs read it.</summary>
    public const string TokenEnvironmentVariable = "QSTASH_TOKEN";

    /// <summary>The environment variable that holds the base URL, as the official SDKs read it.</summary>
    public const string BaseUrlEnvironmentVariable = "QSTASH_URL";

    /// <summary>The service's base address.</summary>
    /// <value>Defaults to <see cref="DefaultBaseUrl"/>; regional hosts and local engines work too.</value>
    [AbsoluteHttpUrl(ErrorMessage = "WorkflowClientOptions.BaseUrl must be an absolute http or https URL such as https://qstash.upstash.io.")]
    public Uri BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>The bearer token sent as <c>Authorization: Bearer &lt;token&gt;</c>.</summary>
    /// <remarks>Never logged or shown in exceptions.</remarks>
    [Required(ErrorMessage = "WorkflowClientOptions.Token is required: set the Workflow:Token setting (the environment variable Workflow__Token) or QSTASH_TOKEN to your service token, or set Token in code.")]
    public string Token { get; set; } = string.Empty;

    /// <summary>Retries of rate-limited and transiently failed requests.</summary>
    [ValidateObjectMembers]
    public WorkflowRetryOptions Retry { get; set; } = new();

    /// <summary>The longest one attempt may take before it is abandoned (and retried).</summary>
    /// <value>Default 30 s.</value>
    [TimeSpanRange("00:00:00.001", "01:00:00", ErrorMessage = "AttemptTimeout must be between 1 ms and 1 hour.")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest one request may take across all its attempts and waits.</summary>
    /// <value>Default 3 minutes.</value>
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
        if (BaseUrlVariable(Environment.GetEnvironmentVariable(BaseUrlEnvironmentVariable)) is { } baseUrl)
        {
            options.BaseUrl = baseUrl;
        }

        return options;
    }

    /// <summary>
    /// Reads a connection string of the form <c>Endpoint=https://qstash.upstash.io;Token=...</c>, as an Aspire app host
    /// hands it to a project that references a BulkResume emulator (<c>ConnectionStrings__NAME</c>).
    /// </summary>
    /// <param name="connectionString"><c>Token</c> is required; <c>Endpoint</c> defaults to <see cref="DefaultBaseUrl"/>. Keys are case-insensitive; a value with a <c>;</c> is quoted (<c>Token="a;b"</c>).</param>
    /// <returns>New options with <see cref="BaseUrl"/> and <see cref="Token"/> set.</returns>
    /// <exception cref="ArgumentException">The connection string is blank or malformed, has a key other than Endpoint and Token, lacks the token, or its endpoint is not an absolute http(s) URL.</exception>
    public static WorkflowClientOptions FromConnectionString(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var parts = new System.Data.Common.DbConnectionStringBuilder();
        try
        {
            parts.ConnectionString = connectionString;
        }
        catch (ArgumentException)
        {
            // The parser's message quotes the connection string, and so the token: say only where the format is explained.
            throw new ArgumentException(ConnectionStringFormat("is not a list of key=value pairs separated by ';'"), nameof(connectionString));
        }

        foreach (string key in parts.Keys)
        {
            if (!string.Equals(key, "Endpoint", StringComparison.OrdinalIgnoreCase) && !string.Equals(key, "Token", StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException(ConnectionStringFormat($"has the key '{key}', which the client does not know"), nameof(connectionString));
            }
        }

        var options = new WorkflowClientOptions();
        if (!parts.TryGetValue("Token", out var token) || token is not string tokenText || string.IsNullOrWhiteSpace(tokenText))
        {
            throw new ArgumentException(ConnectionStringFormat("has no Token"), nameof(connectionString));
        }

        options.Token = tokenText.Trim();
        if (parts.TryGetValue("Endpoint", out var endpoint) && endpoint is string endpointText && !string.IsNullOrWhiteSpace(endpointText))
        {
            if (!TryParseBaseUrl(endpointText.Trim(), out var baseUrl))
            {
                throw new ArgumentException(ConnectionStringFormat("has an Endpoint that is not an absolute http or https URL"), nameof(connectionString));
            }

            options.BaseUrl = baseUrl;
        }

        return options;
    }

    /// <summary>Describes the options without revealing the token.</summary>
    /// <returns>The base URL and whether a token is set.</returns>
    public override string ToString() =>
        $"WorkflowClientOptions {{ BaseUrl = {BaseUrl}, Token = {(string.IsNullOrEmpty(Token) ? "(not set)" : "***")} }}";

    /// <summary>The base URL a <c>QSTASH_URL</c> value names, or null when it is unset.</summary>
    /// <exception cref="InvalidOperationException">The value is not an absolute http(s) URL.</exception>
    internal static Uri? BaseUrlVariable(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return TryParseBaseUrl(value.Trim(), out var baseUrl)
            ? baseUrl
            : throw new InvalidOperationException(
                $"The environment variable {BaseUrlEnvironmentVariable} is not an absolute http or https URL. Set it to a URL such as {DefaultBaseUrl}, or unset it to use the default.");
    }

    private static string ConnectionStringFormat(string problem) =>
        $"The connection string {problem}. Write it as Endpoint=https://qstash.upstash.io;Token=<your token> (Token is required, Endpoint defaults to the hosted service).";

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
