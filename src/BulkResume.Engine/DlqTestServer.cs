using BulkResume.Engine.Http;
using BulkResume.Engine.Storage;

namespace BulkResume.Engine;

/// <summary>
/// The DLQ service as an in-process test double: an engine over a store, its HTTP API and a handler, wired together.
/// </summary>
/// <remarks>
/// <code>
/// using var server = DlqTestServer.Create(timeProvider: fakeTime);
/// await server.Engine.DeadLetterAsync(FailedRun.For("https://example.com/api/orders").Build());
/// using HttpClient http = server.CreateHttpClient();
/// </code>
/// </remarks>
public sealed class DlqTestServer : IDisposable
{
    /// <summary>The token <see cref="Create"/> uses when given none.</summary>
    public const string DefaultToken = "test-token";

    /// <summary>The service's default base address.</summary>
    public static readonly Uri DefaultBaseAddress = new("https://qstash.upstash.io");

    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _bulkActionsRunning;
    private readonly Task _deliveriesRunning;

    private DlqTestServer(IDlqStore store, DlqEngine engine, DlqHttpApi api, string token, TimeProvider timeProvider, DeliveryWorkerOptions? deliveryOptions)
    {
        Store = store;
        Engine = engine;
        Api = api;
        Faults = new FaultInjector(timeProvider);
        Handler = new InProcessDlqHandler(api, Faults);
        Token = token;
        BulkActions = new BulkActionWorker(engine, Faults);
        _bulkActionsRunning = BulkActions.RunAsync(_stopping.Token);
        Deliveries = new DeliveryWorker(engine, deliveryOptions);
        _deliveriesRunning = Deliveries.RunAsync(_stopping.Token);
    }

    /// <summary>Where entries and runs live.</summary>
    public IDlqStore Store { get; }

    /// <summary>The engine; seed the DLQ with <c>DeadLetterAsync</c>.</summary>
    public DlqEngine Engine { get; }

    /// <summary>The transport-free API.</summary>
    public DlqHttpApi Api { get; }

    /// <summary>The handler that serves <see cref="Api"/> to an <see cref="HttpClient"/>.</summary>
    internal InProcessDlqHandler Handler { get; }

    /// <summary>Faults the handler injects: failures, latency, apply-then-fail, a burst rate limit.</summary>
    /// <remarks>None until set.</remarks>
    public FaultInjector Faults { get; }

    /// <summary>The worker that carries out the server's async bulk actions in the background, until the server is disposed.</summary>
    /// <remarks>
    /// <c>await server.BulkActions.WaitUntilIdleAsync()</c> lets every action finish; <see cref="FaultInjector.HoldBulkActions"/>
    /// holds them.
    /// </remarks>
    public BulkActionWorker BulkActions { get; }

    /// <summary>
    /// The worker that delivers the runs started through the workflow protocol (<c>POST /v2/batch</c>) to their endpoints
    /// over HTTP, in the background, until the server is disposed.
    /// </summary>
    /// <remarks><c>await server.Deliveries.WaitUntilIdleAsync()</c> lets every delivered run succeed or fail into the DLQ.</remarks>
    public DeliveryWorker Deliveries { get; }

    /// <summary>The bearer token the API accepts.</summary>
    public string Token { get; }

    /// <summary>Creates a server.</summary>
    /// <param name="token">The bearer token the API accepts.</param>
    /// <param name="timeProvider">The clock; <see langword="null"/> for the system clock.</param>
    /// <param name="store">The store; <see langword="null"/> for a new <see cref="InMemoryDlqStore"/>.</param>
    /// <param name="idGenerator">Makes run ids; <see langword="null"/> for the service-shaped default.</param>
    /// <param name="signingKeys">The keys deliveries are signed with; <see langword="null"/> to send them unsigned.</param>
    /// <param name="deliveryOptions">How deliveries are sent (timeout, lease, handler); <see langword="null"/> for the defaults.</param>
    /// <returns>The server.</returns>
    public static DlqTestServer Create(
        string token = DefaultToken,
        TimeProvider? timeProvider = null,
        IDlqStore? store = null,
        IDlqIdGenerator? idGenerator = null,
        Delivery.SigningKeys? signingKeys = null,
        DeliveryWorkerOptions? deliveryOptions = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        store ??= new InMemoryDlqStore();
        timeProvider ??= TimeProvider.System;
        var engine = new DlqEngine(store, new DlqEngineOptions
        {
            TimeProvider = timeProvider,
            IdGenerator = idGenerator ?? DefaultDlqIdGenerator.Shared,
            SigningKeys = signingKeys,
        });
        return new DlqTestServer(store, engine, new DlqHttpApi(engine, token), token, timeProvider, deliveryOptions);
    }

    /// <summary>An <see cref="HttpClient"/> that talks to this server with no sockets; it does not send the token by itself.</summary>
    /// <param name="baseAddress">The base address; <see langword="null"/> for <see cref="DefaultBaseAddress"/>.</param>
    /// <returns>The client; disposing it leaves the server usable.</returns>
    public HttpClient CreateHttpClient(Uri? baseAddress = null) =>
        new(Handler, disposeHandler: false) { BaseAddress = baseAddress ?? DefaultBaseAddress };

    /// <summary>
    /// Stops the bulk action worker (a slice under way is rolled back) and the delivery worker (a delivery in flight is
    /// delivered again by a worker on the same store once its lease ends), and releases the handler.
    /// </summary>
    public void Dispose()
    {
        _stopping.Cancel();
        _bulkActionsRunning.GetAwaiter().GetResult();
        _deliveriesRunning.GetAwaiter().GetResult();
        Deliveries.Dispose();
        _stopping.Dispose();
        Handler.Dispose();
    }
}
