using System.Collections.Concurrent;
using BulkResume.Engine;

namespace BulkResume.Quickstart;

/// <summary>
/// The demo's checkout, as its code: four steps (<see cref="DemoDlq.CheckoutSteps"/>), the third of which charges the
/// card and fails while the payment provider is down. Every step counts how often it really executed, per order, so the
/// quickstart can show which steps a resume replayed.
/// </summary>
internal sealed class CheckoutWorkflow
{
    public const string Url = DemoDlq.CheckoutUrl;

    private readonly ConcurrentDictionary<(string Order, string Step), int> _executions = new();

    public volatile bool PaymentProviderUp;

    /// <summary>How often <paramref name="step"/> executed for the order with this payload.</summary>
    public int Executions(string? order, string step) => _executions.GetValueOrDefault((order ?? "", step));

    public async Task RunAsync(WorkflowContext context)
    {
        string order = context.Payload ?? "";
        string cart = await context.RunAsync("validate-cart", _ => Execute(order, "validate-cart", "cart ok"));
        string stock = await context.RunAsync("reserve-stock", _ => Execute(order, "reserve-stock", "reserved (" + cart + ")"));
        string payment = await context.RunAsync("charge-card", _ =>
        {
            Task<string> charged = Execute(order, "charge-card", "charged");
            return PaymentProviderUp ? charged : throw new HttpRequestException("payment provider unavailable (503)");
        });
        await context.RunAsync("send-receipt", _ => Execute(order, "send-receipt", $"receipt sent: {stock}, {payment}"));
    }

    private Task<string> Execute(string order, string step, string output)
    {
        _executions.AddOrUpdate((order, step), 1, static (_, count) => count + 1);
        return Task.FromResult(output);
    }
}
