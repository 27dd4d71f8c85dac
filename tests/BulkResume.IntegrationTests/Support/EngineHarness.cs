using BulkResume.Engine.Selection;
using EngineRun = BulkResume.Engine.Model.RunRecord;
using BulkResume.Engine;
using BulkResume.Engine.Model;
using BulkResume.Engine.Storage;

namespace BulkResume.IntegrationTests.Support;

/// <summary>The real client over the real engine through the in-process handler: no sockets, no mocks.</summary>
internal sealed class EngineHarness : IDisposable
{
    private readonly HttpClient _http;

    public EngineHarness(TimeProvider? timeProvider = null, Action<WorkflowClientOptions>? configure = null)
    {
        Server = DlqTestServer.Create(timeProvider: timeProvider);
        _http = Server.CreateHttpClient();
        var options = new WorkflowClientOptions { Token = Server.Token };
        configure?.Invoke(options);
        Client = new WorkflowClient(_http, options, loggerFactory: null, timeProvider);
    }

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

    public async Task<long> DlqCountAsync() => (await Server.Store.GetStatisticsAsync()).DlqEntryCount;

    public void Dispose()
    {
        _http.Dispose();
        Server.Dispose();
    }
}
