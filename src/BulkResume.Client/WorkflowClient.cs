using System.Diagnostics.Metrics;
using BulkResume.Internal.Diagnostics;
using BulkResume.Internal.Http;
using Microsoft.Extensions.Logging;

namespace BulkResume;

/// <summary>The entry point of the SDK: a thread-safe client of the hosted durable-workflow service.</summary>
/// <example>
/// <code>
/// var client = new WorkflowClient(WorkflowClientOptions.FromEnvironment());
/// await foreach (var run in client.Dlq.BulkResumeAsync(ResumeFilter.Create().ForWorkflowUrl("https://app/api/orders")))
///     Console.WriteLine(run.WorkflowRunId);
/// </code>
/// </example>
/// <remarks>
/// Create one per token and reuse it; its sub-clients (<see cref="Dlq"/>, <see cref="Runs"/>, <see cref="BulkActions"/>) are created on first use.
/// </remarks>
public class WorkflowClient
{
    private static readonly Lazy<HttpClient> SharedHttpClient = new(CreateSharedHttpClient);

    private readonly WorkflowPipeline? _pipeline;
    private DlqClient? _dlq;
    private RunsClient? _runs;
    private BulkActionsClient? _bulkActions;

    /// <summary>For mocking only: a client created this way has no connection and every member must be overridden.</summary>
    protected WorkflowClient()
    {
    }

    /// <summary>Creates a client for the default service address with the given token.</summary>
    /// <param name="token">The service token (for example the value of <c>QSTASH_TOKEN</c>).</param>
    public WorkflowClient(string token)
        : this(new WorkflowClientOptions { Token = token })
    {
    }

    /// <summary>Creates a client from options, using a shared, pooled <see cref="HttpClient"/>.</summary>
    /// <param name="options">Where the service is and the token; copied, never mutated.</param>
    public WorkflowClient(WorkflowClientOptions options)
        : this(SharedHttpClient.Value, options)
    {
    }

    /// <summary>
    /// Creates a client that sends its requests through <paramref name="httpClient"/>: one from
    /// <c>IHttpClientFactory</c>, or one over a test double such as the engine's in-process handler.
    /// </summary>
    /// <param name="httpClient">The HTTP client to send with. Its <c>BaseAddress</c> is not used: <see cref="WorkflowClientOptions.BaseUrl"/> is.</param>
    /// <param name="options">Where the service is and the token; copied, never mutated.</param>
    public WorkflowClient(HttpClient httpClient, WorkflowClientOptions options)
        : this(httpClient, options, loggerFactory: null, timeProvider: null)
    {
    }

    /// <summary>
    /// Creates a client that sends through <paramref name="httpClient"/>, logs through <paramref name="loggerFactory"/>
    /// and waits (retry delays, timeouts) on <paramref name="timeProvider"/>.
    /// </summary>
    /// <param name="httpClient">The HTTP client to send with. Its <c>BaseAddress</c> is not used: <see cref="WorkflowClientOptions.BaseUrl"/> is.</param>
    /// <param name="options">Where the service is, the token, retries and timeouts; copied, never mutated.</param>
    /// <param name="loggerFactory">Where to log; null for no logging.</param>
    /// <param name="timeProvider">The clock for delays and timeouts; null for the system clock. Tests pass a fake one.</param>
    public WorkflowClient(HttpClient httpClient, WorkflowClientOptions options, ILoggerFactory? loggerFactory, TimeProvider? timeProvider)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        _pipeline = new WorkflowPipeline(() => httpClient, WorkflowClientSettings.From(options), loggerFactory, timeProvider, ClientTelemetry.Shared);
    }

    /// <summary>The dependency-injection path: a fresh <see cref="HttpClient"/> from the factory per request, meters from the host.</summary>
    internal WorkflowClient(Func<HttpClient> httpClientFactory, WorkflowClientOptions options, ILoggerFactory? loggerFactory, TimeProvider? timeProvider, IMeterFactory? meterFactory)
    {
        _pipeline = new WorkflowPipeline(httpClientFactory, WorkflowClientSettings.From(options), loggerFactory, timeProvider, ClientTelemetry.For(meterFactory));
    }

    /// <summary>The Dead Letter Queue: list, bulk resume and the rest of the DLQ surface.</summary>
    public virtual DlqClient Dlq => LazyInitializer.EnsureInitialized(ref _dlq, () => new DlqClient(Pipeline));

    /// <summary>The run logs: workflow runs and their steps, for example to inspect the runs a resume created.</summary>
    public virtual RunsClient Runs => LazyInitializer.EnsureInitialized(ref _runs, () => new RunsClient(Pipeline));

    /// <summary>The bulk actions the service runs by itself: read, list and watch those the <c>StartBulk...</c> calls of <see cref="Dlq"/> started.</summary>
    public virtual BulkActionsClient BulkActions => LazyInitializer.EnsureInitialized(ref _bulkActions, () => new BulkActionsClient(Pipeline));

    private WorkflowPipeline Pipeline =>
        _pipeline ?? throw new InvalidOperationException("This WorkflowClient was created for mocking; override the member you call.");

    private static HttpClient CreateSharedHttpClient()
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        NoRedirects.ApplyTo(handler);
        return new HttpClient(handler)
        {
            // Attempt and total timeouts are the resilience pipeline's (WorkflowClientOptions), not HttpClient's.
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }
}
