using Microsoft.Extensions.Configuration;

namespace BulkResume.DependencyInjection;

/// <summary>
/// What configuration adds to the bound section: the official SDKs' variables for what the section leaves out, or a
/// connection string.
/// </summary>
/// <remarks>Runs right after the section is bound, so options set in code later still win.</remarks>
internal static class ConfigurationFallback
{
    /// <summary>Fills the token and base URL from <c>QSTASH_TOKEN</c> and <c>QSTASH_URL</c> when the section has none.</summary>
    public static void Apply(WorkflowClientOptions options, IConfigurationSection section, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(section[nameof(WorkflowClientOptions.Token)])
            && configuration[WorkflowClientOptions.TokenEnvironmentVariable] is { } token
            && !string.IsNullOrWhiteSpace(token))
        {
            options.Token = token.Trim();
        }

        if (string.IsNullOrWhiteSpace(section[nameof(WorkflowClientOptions.BaseUrl)])
            && WorkflowClientOptions.BaseUrlVariable(configuration[WorkflowClientOptions.BaseUrlEnvironmentVariable]) is { } baseUrl)
        {
            options.BaseUrl = baseUrl;
        }
    }

    /// <summary>Sets the base URL and token from the connection string <c>ConnectionStrings:NAME</c>.</summary>
    /// <exception cref="InvalidOperationException">The connection string is missing or malformed.</exception>
    public static void ApplyConnectionString(WorkflowClientOptions options, string connectionName, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(connectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"The connection string '{connectionName}' is not set (ConnectionStrings:{connectionName}, or the environment variable ConnectionStrings__{connectionName}). "
                + $"In an Aspire app host, reference the resource from this project: .WithReference({connectionName}); elsewhere set it to Endpoint=https://qstash.upstash.io;Token=<your token>.");
        }

        WorkflowClientOptions parsed;
        try
        {
            parsed = WorkflowClientOptions.FromConnectionString(connectionString);
        }
        catch (ArgumentException error)
        {
            throw new InvalidOperationException($"ConnectionStrings:{connectionName}: {error.Message.Replace(" (Parameter 'connectionString')", string.Empty, StringComparison.Ordinal)}", error);
        }

        options.BaseUrl = parsed.BaseUrl;
        options.Token = parsed.Token;
    }
}
