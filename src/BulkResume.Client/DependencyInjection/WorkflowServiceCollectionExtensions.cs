using System.Diagnostics.Metrics;
using BulkResume.DependencyInjection;
using BulkResume.Internal.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BulkResume;

/// <summary>Registers <see cref="WorkflowClient"/> and its <see cref="DlqClient"/>, <see cref="RunsClient"/> and <see cref="BulkActionsClient"/> with an <see cref="IServiceCollection"/>.</summary>
public static class WorkflowServiceCollectionExtensions
{
    /// <summary>The configuration section read by <see cref="AddWorkflowClient(IServiceCollection)"/>.</summary>
    public const string DefaultConfigSectionPath = "Workflow";

    /// <summary>The name of the <see cref="HttpClient"/> the client gets from <c>IHttpClientFactory</c>.</summary>
    public const string HttpClientName = "BulkResume.WorkflowClient";

    /// <summary>
    /// Registers the client with options set in code, validated when the host starts (a missing token or a bad URL
    /// stops the host with a clear message).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder of the client's named <see cref="HttpClient"/>, to add handlers.</returns>
    public static IHttpClientBuilder AddWorkflowClient(this IServiceCollection services, Action<WorkflowClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<WorkflowClientOptions>().Configure(configure).ValidateOnStart();
        return AddCore(services);
    }

    /// <summary>
    /// Registers the client with options bound from the <c>Workflow</c> configuration section (<c>Workflow:Token</c>,
    /// <c>Workflow:BaseUrl</c>, <c>Workflow:Retry:MaxAttempts</c>, ...; as environment variables
    /// <c>Workflow__Token</c>, ...), validated when the host starts.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The builder of the client's named <see cref="HttpClient"/>, to add handlers.</returns>
    /// <remarks>
    /// When the section has no token (or no base URL), <c>QSTASH_TOKEN</c> (and <c>QSTASH_URL</c>) from the
    /// configuration are used, as the official SDKs read them: a host's configuration includes the environment
    /// variables.
    /// </remarks>
    public static IHttpClientBuilder AddWorkflowClient(this IServiceCollection services) =>
        services.AddWorkflowClient(DefaultConfigSectionPath);

    /// <summary>
    /// Registers the client with options bound from a configuration section, validated when the host starts.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configSectionPath">The configuration section, such as <c>Workflow</c>.</param>
    /// <returns>The builder of the client's named <see cref="HttpClient"/>, to add handlers.</returns>
    /// <remarks>
    /// When the section has no token (or no base URL), <c>QSTASH_TOKEN</c> (and <c>QSTASH_URL</c>) from the
    /// configuration are used.
    /// </remarks>
    public static IHttpClientBuilder AddWorkflowClient(this IServiceCollection services, string configSectionPath)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(configSectionPath);
        services.AddOptions<WorkflowClientOptions>()
            .BindConfiguration(configSectionPath)
            .Configure<IConfiguration>((options, configuration) => ConfigurationFallback.Apply(options, configuration.GetSection(configSectionPath), configuration))
            .ValidateOnStart();
        return AddCore(services);
    }

    /// <summary>
    /// Registers the client with its endpoint and token from the connection string <c>ConnectionStrings:NAME</c>
    /// (<c>Endpoint=...;Token=...</c>): what an Aspire app host gives a project that references a BulkResume emulator
    /// (<c>.WithReference(dlq)</c>).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="connectionName">The connection string's name, such as <c>dlq</c>: the name of the resource in the app host.</param>
    /// <returns>The builder of the client's named <see cref="HttpClient"/>, to add handlers.</returns>
    /// <remarks>
    /// <para>The other settings (retries, timeouts) bind from the <c>Workflow</c> section.</para>
    /// A missing or malformed connection string stops the host at start with a message that says what to set.
    /// </remarks>
    public static IHttpClientBuilder AddWorkflowClientFromConnectionString(this IServiceCollection services, string connectionName)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionName);
        services.AddOptions<WorkflowClientOptions>()
            .BindConfiguration(DefaultConfigSectionPath)
            .Configure<IConfiguration>((options, configuration) => ConfigurationFallback.ApplyConnectionString(options, connectionName, configuration))
            .ValidateOnStart();
        return AddCore(services);
    }

    private static IHttpClientBuilder AddCore(IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WorkflowClientOptions>, WorkflowClientOptionsValidator>());
        services.TryAddSingleton(provider =>
        {
            var factory = provider.GetRequiredService<IHttpClientFactory>();
            return new WorkflowClient(
                () => factory.CreateClient(HttpClientName),
                provider.GetRequiredService<IOptions<WorkflowClientOptions>>().Value,
                provider.GetService<ILoggerFactory>(),
                provider.GetService<TimeProvider>(),
                provider.GetService<IMeterFactory>());
        });
        services.TryAddSingleton(provider => provider.GetRequiredService<WorkflowClient>().Dlq);
        services.TryAddSingleton(provider => provider.GetRequiredService<WorkflowClient>().Runs);
        services.TryAddSingleton(provider => provider.GetRequiredService<WorkflowClient>().BulkActions);

        // Timeouts are the client's own (per attempt and in total), so the factory's 100 s default must not cut them short.
        return services.AddHttpClient(HttpClientName)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler((handler, _) => NoRedirects.ApplyTo(handler));
    }
}
