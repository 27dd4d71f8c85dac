using BulkResume.Engine;

namespace BulkResume.Cli.Hosting;

/// <summary>The embedded reference engine seeded with the one demo DLQ (<see cref="DemoDlq"/>): what the CLI acts on with <c>--demo</c>.</summary>
internal sealed class DemoEngine : IDisposable
{
    private readonly DlqTestServer _server;
    private readonly HttpClient _http;

    private DemoEngine(DlqTestServer server)
    {
        _server = server;
        _http = server.CreateHttpClient();
    }

    /// <summary>The target's name in every output.</summary>
    public const string Name = "demo";

    public static async Task<DlqTarget> StartAsync(CancellationToken cancellationToken)
    {
        var demo = new DemoEngine(DlqTestServer.Create(token: "demo-token"));
        try
        {
            await demo._server.Engine.DeadLetterAsync(DemoDlq.Entries(DateTimeOffset.UtcNow), cancellationToken);
        }
        catch
        {
            demo.Dispose();
            throw;
        }

        var client = new WorkflowClient(demo._http, new WorkflowClientOptions { Token = demo._server.Token });
        return new DlqTarget(
            client,
            Name,
            tokenSource: null,
            $"Target: {Name} (--demo): an embedded engine seeded with {DemoDlq.Count} demo entries of {DemoDlq.CheckoutUrl}, {DemoDlq.InvoiceUrl} and {DemoDlq.EmailUrl}, in memory; nothing outside this process is touched.",
            flags: null,
            demo);
    }

    public void Dispose()
    {
        _http.Dispose();
        _server.Dispose();
    }
}
