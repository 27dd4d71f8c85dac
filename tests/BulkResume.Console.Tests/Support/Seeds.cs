using BulkResume.Engine;

namespace BulkResume.Console.Tests.Support;

/// <summary>The failed runs the console tests seed: a checkout that fails at its payment step, and an e-mail workflow.</summary>
internal static class Seeds
{
    public const string Checkout = "https://shop.example.com/api/workflows/checkout";
    public const string Email = "https://shop.example.com/api/workflows/email";
    public const string FailedStep = "charge-card";

    /// <summary>A moment an hour ago, to the millisecond, so that the runs failed in the past.</summary>
    public static DateTimeOffset AnHourAgo { get; } = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeMilliseconds());

    /// <summary><paramref name="count"/> checkouts that failed at <see cref="FailedStep"/>, a second apart from <paramref name="from"/>.</summary>
    public static DlqEntry[] Checkouts(int count, DateTimeOffset from, params string[] labels) =>
        Enumerable.Range(0, count)
            .Select(i => FailedRun.For(Checkout)
                .FailedAt(from.AddSeconds(i))
                .FailedAtStep(FailedStep, "reserve-stock", FailedStep, "send-receipt")
                .WithResponseStatus(502, "payment gateway timeout")
                .WithLabels(labels)
                .Build())
            .ToArray();

    /// <summary><paramref name="count"/> e-mails that failed at their only step, a second apart from <paramref name="from"/>.</summary>
    public static DlqEntry[] Emails(int count, DateTimeOffset from) =>
        Enumerable.Range(0, count)
            .Select(i => FailedRun.For(Email).FailedAt(from.AddSeconds(i)).FailedAtStep("send", "send").WithLabels("mail").Build())
            .ToArray();
}
