using BulkResume.Engine.Model;
using BulkResume.Engine.Testing;

namespace BulkResume.Emulator.Tool.CommandLine;

/// <summary>The <c>--seed demo</c> data: a few workflows that failed at different steps over the last hours.</summary>
internal static class DemoSeed
{
    public static IReadOnlyList<DlqEntry> Entries(DateTimeOffset now) =>
    [
        .. FailedRuns.Many(20, i => FailedRun.For("https://shop.example.com/api/workflows/checkout")
            .FailedAt(now.AddMinutes(-10 * (i + 1))).FailedAtStep(3, of: 5).WithResponseStatus(503).WithLabels("checkout").WithFlowControlKey("payments")),
        .. FailedRuns.Many(10, i => FailedRun.For("https://shop.example.com/api/workflows/invoice")
            .FailedAt(now.AddMinutes(-30 * (i + 1))).FailedAtStep(4, of: 4).WithResponseStatus(422).WithLabels("billing")),
        .. FailedRuns.Many(5, i => FailedRun.For("https://shop.example.com/api/workflows/welcome-email")
            .FailedAt(now.AddHours(-(i + 1))).FailedAtStep(1, of: 2).WithResponseStatus(429)),
    ];
}
