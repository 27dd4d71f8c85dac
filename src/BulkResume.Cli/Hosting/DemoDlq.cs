using BulkResume.Engine;
using BulkResume.Engine.Testing;
using EngineCallbackState = BulkResume.Engine.Model.CallbackState;

namespace BulkResume.Cli.Hosting;

/// <summary>
/// The embedded reference engine with a DLQ an operator might find at 2 a.m.: a checkout outage (enough entries to
/// page and to ask for confirmation), rejected invoices, and e-mails whose failure callback failed.
/// </summary>
internal sealed class DemoDlq : IDisposable
{
    public const string CheckoutUrl = "https://shop.example.com/api/workflows/checkout";
    public const string InvoiceUrl = "https://shop.example.com/api/workflows/invoice";
    public const string EmailUrl = "https://shop.example.com/api/workflows/welcome-email";

    private const int CheckoutFailures = 120;
    private const int OldCheckoutFailures = 5;
    private const int InvoiceFailures = 12;
    private const int EmailFailures = 6;

    private readonly DlqTestServer _server;
    private readonly HttpClient _http;

    private DemoDlq(DlqTestServer server)
    {
        _server = server;
        _http = server.CreateHttpClient();
    }

    public static int EntryCount => CheckoutFailures + OldCheckoutFailures + InvoiceFailures + EmailFailures;

    public static async Task<DlqTarget> StartAsync(CancellationToken cancellationToken)
    {
        var demo = new DemoDlq(DlqTestServer.Create(token: "demo-token"));
        try
        {
            await demo.SeedAsync(DateTimeOffset.UtcNow, cancellationToken);
        }
        catch
        {
            demo.Dispose();
            throw;
        }

        var client = new WorkflowClient(demo._http, new WorkflowClientOptions { Token = demo._server.Token });
        return new DlqTarget(
            client,
            $"No QSTASH_TOKEN: using the embedded engine seeded with {EntryCount} demo entries of {CheckoutUrl}, {InvoiceUrl} and {EmailUrl}. Set QSTASH_TOKEN to act on the hosted service.",
            demo);
    }

    public void Dispose()
    {
        _http.Dispose();
        _server.Dispose();
    }

    private async Task SeedAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var engine = _server.Engine;
        await engine.DeadLetterAsync(FailedRuns.Many(CheckoutFailures, i => FailedRun.For(CheckoutUrl)
            .FailedAt(now.AddMinutes(-90).AddSeconds(30 * i))
            .FailedAtStep(3, of: 5)
            .WithResponseStatus(503, "payment provider unavailable")
            .WithLabels("checkout", i % 2 == 0 ? "eu" : "us")
            .WithFlowControlKey("payments", parallelism: 4)), cancellationToken);
        await engine.DeadLetterAsync(FailedRuns.Many(OldCheckoutFailures, i => FailedRun.For(CheckoutUrl)
            .FailedAt(now.AddDays(-2).AddHours(i))
            .FailedAtStep(2, of: 5)
            .WithLabels("checkout")), cancellationToken);
        await engine.DeadLetterAsync(FailedRuns.Many(InvoiceFailures, i => FailedRun.For(InvoiceUrl)
            .FailedAt(now.AddMinutes(-45 * (i + 1)))
            .FailedAtStep(4, of: 4)
            .WithResponseStatus(422, "tax id rejected")
            .WithLabels("billing")
            .WithCallerIp("198.51.100.20")), cancellationToken);
        await engine.DeadLetterAsync(FailedRuns.Many(EmailFailures, i => FailedRun.For(EmailUrl)
            .FailedAt(now.AddHours(-1 - i))
            .FailedAtStep(1, of: 2)
            .WithResponseStatus(429)
            .WithFailureCallback("https://shop.example.com/api/alerts", EngineCallbackState.CallbackFail)), cancellationToken);
    }
}
