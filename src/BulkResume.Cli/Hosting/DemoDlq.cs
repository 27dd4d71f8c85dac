using BulkResume.Engine;
using Demo = BulkResume.Engine.DemoDlq;

namespace BulkResume.Cli.Hosting;

/// <summary>The embedded reference engine with the demo DLQ (<see cref="Demo"/>): what the CLI acts on with <c>--demo</c>.</summary>
internal sealed class DemoDlq : IDisposable
{
    private readonly DlqTestServer _server;
    private readonly HttpClient _http;

    private DemoDlq(DlqTestServer server)
    {
        _server = server;
        _http = server.CreateHttpClient();
    }

    /// <summary>The target's name in every output.</summary>
    public const string Name = "demo";

    public static async Task<DlqTarget> StartAsync(CancellationToken cancellationToken)
    {
        var demo = new DemoDlq(DlqTestServer.Create(token: "demo-token"));
        try
        {
            await demo._server.Engine.DeadLetterAsync(Demo.Entries(DateTimeOffset.UtcNow), cancellationToken);
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
            $"Target: {Name} (--demo): an embedded engine seeded with {Demo.Count} demo entries of {Demo.CheckoutUrl}, {Demo.InvoiceUrl} and {Demo.EmailUrl}, in memory; nothing outside this process is touched.",
            demo);
    }

    public void Dispose()
    {
        _http.Dispose();
        _server.Dispose();
    }
}
