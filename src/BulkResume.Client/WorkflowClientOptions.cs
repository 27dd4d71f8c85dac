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
    public Uri BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>The bearer token sent as <c>Authorization: Bearer &lt;token&gt;</c>. Never logged or shown in exceptions.</summary>
    public string Token { get; set; } = string.Empty;

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
