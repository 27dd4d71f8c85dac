using BulkResume.Engine;
using BulkResume.Engine.Testing;

namespace BulkResume.Quickstart;

/// <summary>The embedded reference engine with a realistic DLQ: a few workflows that failed at different steps and times.</summary>
internal sealed class DemoDlq : IDisposable
{
    public const string CheckoutUrl = "https://shop.example.com/api/workflows/checkout";
    public const string InvoiceUrl = "https://shop.example.com/api/workflows/invoice";
    public const string EmailUrl = "https://shop.example.com/api/workflows/welcome-email";

    private readonly DlqTestServer _server;
    private readonly HttpClient _http;

    private DemoDlq(DlqTestServer server)
    {
        _server = server;
        _http = server.CreateHttpClient();
        Client = new WorkflowClient(_http, new WorkflowClientOptions { Token = server.Token });
    }

    public WorkflowClient Client { get; }

    public static async Task<DemoDlq> StartAsync()
    {
        var server = DlqTestServer.Create(token: "quickstart-token");
        var now = DateTimeOffset.UtcNow;
        await server.Engine.DeadLetterAsync(FailedRuns.Many(7, i => FailedRun.For(CheckoutUrl)
            .FailedAt(now.AddMinutes(-20 * (i + 1)))
            .FailedAtStep(3, of: 5)
            .WithResponseStatus(503, "payment provider unavailable")
            .WithLabels("checkout", i % 2 == 0 ? "eu" : "us")
            .WithFlowControlKey("payments")));
        await server.Engine.DeadLetterAsync(FailedRuns.Many(3, i => FailedRun.For(CheckoutUrl)
            .FailedAt(now.AddDays(-2).AddHours(i))
            .FailedAtStep(2, of: 5)
            .WithResponseStatus(500)
            .WithLabels("checkout")));
        await server.Engine.DeadLetterAsync(FailedRuns.Many(4, i => FailedRun.For(InvoiceUrl)
            .FailedAt(now.AddMinutes(-45 * (i + 1)))
            .FailedAtStep(4, of: 4)
            .WithResponseStatus(422, "tax id rejected")
            .WithLabels("billing")));
        await server.Engine.DeadLetterAsync(FailedRuns.Many(2, i => FailedRun.For(EmailUrl)
            .FailedAt(now.AddHours(-1 - i))
            .FailedAtStep(1, of: 2)
            .WithResponseStatus(429)));
        return new DemoDlq(server);
    }

    public void Dispose()
    {
        _http.Dispose();
        _server.Dispose();
    }
}
