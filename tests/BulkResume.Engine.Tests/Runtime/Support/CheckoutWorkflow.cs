using System.Collections.Concurrent;

namespace BulkResume.Engine.Tests.Runtime.Support;

/// <summary>
/// A four-step checkout whose third step fails while the payment provider is down. Every step counts its invocations,
/// and each output is built from the previous one, so a replayed output that is wrong shows up in the later ones.
/// Its code can be "changed" between runs: rename a step before the failure, or add one after it.
/// </summary>
internal sealed class CheckoutWorkflow
{
    public const string Url = "https://example.com/api/checkout";

    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);

    public volatile bool ProviderDown = true;

    /// <summary>The name of the second step; renaming it is a code change before the point of failure.</summary>
    public volatile string InvoiceStepName = "create-invoice";

    /// <summary>Adds a fifth step after the failed one: a code change after the point of failure.</summary>
    public volatile bool NotifiesWarehouse;

    public static IEnumerable<string> StepNames => ["reserve-stock", "create-invoice", "charge-card", "send-receipt"];

    public int Calls(string stepName) => _calls.GetValueOrDefault(stepName);

    /// <summary>How often each of the four checkout steps ran, in order.</summary>
    public (int ReserveStock, int CreateInvoice, int ChargeCard, int SendReceipt) StepCalls() =>
        (Calls("reserve-stock"), Calls("create-invoice"), Calls("charge-card"), Calls("send-receipt"));

    public async Task RunAsync(WorkflowContext context)
    {
        string reservation = await context.RunAsync("reserve-stock", _ => Count("reserve-stock", "reserved:" + context.Payload));
        string invoice = await context.RunAsync(InvoiceStepName, _ => Count(InvoiceStepName, "invoice:" + reservation));
        string charge = await context.RunAsync("charge-card", _ =>
        {
            Task<string> counted = Count("charge-card", "charged:" + invoice);
            return ProviderDown ? throw new HttpRequestException("payment provider unavailable") : counted;
        });
        await context.RunAsync("send-receipt", _ => Count("send-receipt", "receipt:" + charge));
        if (NotifiesWarehouse)
        {
            await context.RunAsync("notify-warehouse", _ => Count("notify-warehouse", "notified"));
        }
    }

    private Task<string> Count(string stepName, string output)
    {
        _calls.AddOrUpdate(stepName, 1, static (_, calls) => calls + 1);
        return Task.FromResult(output);
    }
}
