namespace BulkResume.Internal.Http;

/// <summary>An immutable, validated copy of <see cref="WorkflowClientOptions"/> taken when a client is created.</summary>
internal sealed class WorkflowClientSettings
{
    private WorkflowClientSettings(string baseUrl, string token)
    {
        BaseUrl = baseUrl;
        Token = token;
    }

    /// <summary>The base address without a trailing slash, ready to have a path appended.</summary>
    public string BaseUrl { get; }

    public string Token { get; }

    public static WorkflowClientSettings From(WorkflowClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Token))
        {
            throw new ArgumentException(
                "WorkflowClientOptions.Token is empty. Set it to your service token, or use WorkflowClientOptions.FromEnvironment() to read QSTASH_TOKEN.",
                nameof(options));
        }

        if (options.BaseUrl is null || !WorkflowClientOptions.IsHttp(options.BaseUrl))
        {
            throw new ArgumentException(
                $"WorkflowClientOptions.BaseUrl must be an absolute http or https URL such as {WorkflowClientOptions.DefaultBaseUrl}.",
                nameof(options));
        }

        return new WorkflowClientSettings(options.BaseUrl.AbsoluteUri.TrimEnd('/'), options.Token.Trim());
    }
}
