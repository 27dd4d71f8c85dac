using BulkResume.Engine;
using BulkResume.Engine.Storage;
using EngineRun = BulkResume.Engine.RunRecord;

namespace BulkResume.IntegrationTests.Support;

/// <summary>The real client over the real engine through the in-process handler: no sockets, no mocks.</summary>
internal sealed class EngineHarness : IDisposable
{
    private readonly HttpClient _http;

    /// <param name="timeProvider">The clock of the engine, and of the client unless it has its own; null for the system clock.</param>
    /// <param name="configure">Changes the client's options.</param>
    /// <param name="store">The engine's store; null for a new in-memory one.</param>
    /// <param name="wrapServer">Puts a handler in front of the engine (inside the recorder), to misbehave in ways the fault injector can't.</param>
    /// <param name="clientTimeProvider">The client's own clock, for a client whose clock is not the service's; null for <paramref name="timeProvider"/>.</param>
    public EngineHarness(
        TimeProvider? timeProvider = null,
        Action<WorkflowClientOptions>? configure = null,
        IDlqStore? store = null,
        Func<HttpMessageHandler, HttpMessageHandler>? wrapServer = null,
        TimeProvider? clientTimeProvider = null)
    {
        Server = DlqTestServer.Create(timeProvider: timeProvider, store: store);
        Wire = new RequestRecorder(wrapServer is null ? Server.Handler : wrapServer(Server.Handler), timeProvider ?? TimeProvider.System);
        _http = new HttpClient(Wire, disposeHandler: false) { BaseAddress = DlqTestServer.DefaultBaseAddress };
        var options = new WorkflowClientOptions { Token = Server.Token };
        configure?.Invoke(options);
        Client = new WorkflowClient(_http, options, loggerFactory: null, clientTimeProvider ?? timeProvider);
    }

    /// <summary>Every request the client put on the wire, with when it started and answered.</summary>
    public RequestRecorder Wire { get; }

    public DlqTestServer Server { get; }

    public WorkflowClient Client { get; }

    public DlqEngine Engine => Server.Engine;

    /// <summary>Every run the engine holds, paged through the store's keyset.</summary>
    public async Task<List<EngineRun>> AllRunsAsync()
    {
        var runs = new List<EngineRun>();
        string? after = null;
        while (true)
        {
            IReadOnlyList<EngineRun> page = await Server.Store.QueryRunsAsync(new RunQuery(RunSelection.All, after, 500));
            runs.AddRange(page);
            if (page.Count < 500)
            {
                return runs;
            }

            after = page[^1].WorkflowRunId;
        }
    }

    public async Task<List<EngineRun>> ResumedRunsAsync() =>
        (await AllRunsAsync()).Where(run => run.Origin == WorkflowRunOrigin.Resumed).ToList();

    /// <summary>The ids of the entries still in the DLQ.</summary>
    public async Task<HashSet<string>> RemainingDlqIdsAsync() =>
        (await Server.Store.QueryAsync(new DlqQuery(DlqSelection.All, null, int.MaxValue))).Select(entry => entry.DlqId).ToHashSet(StringComparer.Ordinal);

    public async Task<long> DlqCountAsync() => (await Server.Store.GetStatisticsAsync()).DlqEntryCount;

    public void Dispose()
    {
        _http.Dispose();
        Server.Dispose();
        Wire.Dispose();
    }
}
