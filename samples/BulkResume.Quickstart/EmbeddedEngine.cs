using BulkResume.Engine;

namespace BulkResume.Quickstart;

/// <summary>
/// The in-process reference engine holding the demo DLQ (<see cref="DemoDlq"/>: a checkout outage, rejected invoices,
/// rate-limited e-mails), with a workflow runtime that executes the checkout's code when a run is resumed, so the resume
/// replays the steps the failed runs recorded and runs only the failed and pending ones.
/// </summary>
internal sealed class EmbeddedEngine : IAsyncDisposable
{
    private readonly DlqTestServer _server;
    private readonly HttpClient _http;

    private EmbeddedEngine(DlqTestServer server)
    {
        _server = server;
        _http = server.CreateHttpClient();
        Client = new WorkflowClient(_http, new WorkflowClientOptions { Token = server.Token });
        Runtime = new WorkflowRuntime(server.Engine).Map(CheckoutWorkflow.Url, Checkout.RunAsync);
    }

    public WorkflowClient Client { get; }

    public WorkflowRuntime Runtime { get; }

    public CheckoutWorkflow Checkout { get; } = new();

    public static async Task<EmbeddedEngine> StartAsync()
    {
        var engine = new EmbeddedEngine(DlqTestServer.Create(token: "quickstart-token"));
        await engine._server.Engine.DeadLetterAsync(DemoDlq.Entries(DateTimeOffset.UtcNow));
        return engine;
    }

    public async ValueTask DisposeAsync()
    {
        await Runtime.DisposeAsync();
        _http.Dispose();
        _server.Dispose();
    }
}
