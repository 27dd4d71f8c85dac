using BulkResume.Engine;
using BulkResume.Engine.Runtime;

namespace BulkResume.Quickstart;

/// <summary>
/// The embedded reference engine with a DLQ made for real: its workflow runtime runs a dozen checkouts while the payment
/// provider is down (they fail at charge-card), a few invoices that fail on a rejected tax id, and welcome emails that
/// succeed. The failed runs land in the DLQ with the steps they completed.
/// </summary>
internal sealed class DemoDlq : IAsyncDisposable
{
    public const string InvoiceUrl = "https://shop.example.com/api/workflows/invoice";
    public const string EmailUrl = "https://shop.example.com/api/workflows/welcome-email";

    private readonly DlqTestServer _server;
    private readonly HttpClient _http;

    private DemoDlq(DlqTestServer server)
    {
        _server = server;
        _http = server.CreateHttpClient();
        Client = new WorkflowClient(_http, new WorkflowClientOptions { Token = server.Token });
        Runtime = new WorkflowRuntime(server.Engine)
            .Map(CheckoutWorkflow.Url, Checkout.RunAsync)
            .Map(InvoiceUrl, async context =>
            {
                await context.RunAsync("render-pdf", _ => Task.FromResult("invoice.pdf"));
                await context.RunAsync("apply-tax", _ => Task.FromException<string>(new InvalidOperationException("tax id rejected")));
            })
            .Map(EmailUrl, async context =>
            {
                await context.SleepAsync("wait-for-signup", TimeSpan.Zero);
                await context.RunAsync("send-email", _ => Task.FromResult("sent"));
            });
    }

    public WorkflowClient Client { get; }

    public WorkflowRuntime Runtime { get; }

    public CheckoutWorkflow Checkout { get; } = new();

    public static async Task<DemoDlq> StartAsync()
    {
        var demo = new DemoDlq(DlqTestServer.Create(token: "quickstart-token"));
        var twoRetries = new WorkflowTriggerOptions { Retries = 2, Labels = ["checkout"], FlowControlKey = "payments" };
        for (var order = 1001; order <= 1012; order++)
        {
            await demo.Runtime.TriggerAsync(CheckoutWorkflow.Url, $$"""{"order":{{order}}}""", twoRetries);
        }

        for (var invoice = 1; invoice <= 3; invoice++)
        {
            await demo.Runtime.TriggerAsync(InvoiceUrl, $$"""{"invoice":{{invoice}}}""", new WorkflowTriggerOptions { Retries = 0, Labels = ["billing"] });
        }

        for (var user = 1; user <= 4; user++)
        {
            await demo.Runtime.TriggerAsync(EmailUrl, $$"""{"user":{{user}}}""");
        }

        await demo.Runtime.WaitForIdleAsync();
        return demo;
    }

    public async ValueTask DisposeAsync()
    {
        await Runtime.DisposeAsync();
        _http.Dispose();
        _server.Dispose();
    }
}
