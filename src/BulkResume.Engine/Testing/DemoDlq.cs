using System.Globalization;

namespace BulkResume.Engine;

/// <summary>
/// The demo DLQ of the quickstart, the CLI's <c>--demo</c> and the emulator's <c>--seed demo</c>: what a shop finds at
/// 2 a.m.
/// </summary>
/// <remarks>
/// A checkout outage (the payment provider answered 503, so 120 checkouts failed at <c>charge-card</c> over the last
/// ninety minutes, and 5 older ones two days ago), 12 invoices whose tax id was rejected, and 6 welcome e-mails that
/// were rate-limited and whose failure callback failed. Failure times count back from the time given.
/// </remarks>
public static class DemoDlq
{
    /// <summary>The checkout workflow.</summary>
    public const string CheckoutUrl = "https://shop.example.com/api/workflows/checkout";

    /// <summary>The invoice workflow.</summary>
    public const string InvoiceUrl = "https://shop.example.com/api/workflows/invoice";

    /// <summary>The welcome e-mail workflow.</summary>
    public const string EmailUrl = "https://shop.example.com/api/workflows/welcome-email";

    /// <summary>The checkout's steps in the order its code runs them; a checkout fails at <c>charge-card</c> while the payment provider is down.</summary>
    public static IReadOnlyList<string> CheckoutSteps { get; } = ["validate-cart", "reserve-stock", "charge-card", "send-receipt"];

    /// <summary>How many entries <see cref="Entries"/> makes.</summary>
    public static int Count => 120 + 5 + 12 + 6;

    /// <summary>The demo DLQ's entries, failed before <paramref name="now"/>.</summary>
    /// <param name="now">The time the demo starts at.</param>
    /// <returns>The entries, each with its own order number as its body.</returns>
    public static IReadOnlyList<DlqEntry> Entries(DateTimeOffset now)
    {
        string[] checkout = [.. CheckoutSteps];
        return
        [
            .. FailedRuns.Many(120, i => FailedRun.For(CheckoutUrl)
                .FailedAt(now.AddMinutes(-90).AddSeconds(30 * i))
                .FailedAtStep("charge-card", checkout)
                .WithBody(Order(1001 + i))
                .WithResponseStatus(503, "payment provider unavailable")
                .WithLabels("checkout", i % 2 == 0 ? "eu" : "us")
                .WithFlowControlKey("payments", parallelism: 4)),
            .. FailedRuns.Many(5, i => FailedRun.For(CheckoutUrl)
                .FailedAt(now.AddDays(-2).AddHours(i))
                .FailedAtStep("reserve-stock", checkout)
                .WithBody(Order(901 + i))
                .WithLabels("checkout")),
            .. FailedRuns.Many(12, i => FailedRun.For(InvoiceUrl)
                .FailedAt(now.AddMinutes(-45 * (i + 1)))
                .FailedAtStep("apply-tax", "render-pdf", "apply-tax")
                .WithResponseStatus(422, "tax id rejected")
                .WithLabels("billing")
                .WithCallerIp("198.51.100.20")),
            .. FailedRuns.Many(6, i => FailedRun.For(EmailUrl)
                .FailedAt(now.AddHours(-1 - i))
                .FailedAtStep("send-email", "send-email")
                .WithResponseStatus(429)
                .WithFailureCallback("https://shop.example.com/api/alerts", CallbackState.Fail)),
        ];
    }

    private static string Order(int order) => string.Create(CultureInfo.InvariantCulture, $$"""{"order":{{order}}}""");
}
