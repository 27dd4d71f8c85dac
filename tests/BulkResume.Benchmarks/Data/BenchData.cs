using System.Globalization;
using BulkResume.Engine;
using BulkResume.Engine.Paging;
using BulkResume.Engine.Storage;

namespace BulkResume.Benchmarks.Data;

/// <summary>
/// The DLQs every figure is measured on. Entries fail one second apart (<see cref="RecentFailures"/>: one millisecond);
/// <see cref="Mixed"/> alternates two workflow URLs so that a filter on one of them and on a date range selects a slice
/// out of the middle of the DLQ.
/// </summary>
internal static class BenchData
{
    public const string OrdersUrl = "https://bench.example.com/api/orders";
    public const string InvoicesUrl = "https://bench.example.com/api/invoices";
    public const int PageSize = 50;
    public const int BatchSize = 10_000;

    public static DateTimeOffset Start => FailedRun.DefaultFailedAt;

    /// <summary>Entries <paramref name="from"/> .. <paramref name="from"/> + <paramref name="count"/> - 1 of <see cref="OrdersUrl"/>, all selected by <see cref="OrdersOnly"/>.</summary>
    public static IReadOnlyList<DlqEntry> OneWorkflow(int from, int count) => FailedRuns.Many(count, OrdersUrl, Start.AddSeconds(from));

    /// <summary>
    /// The entries of a <paramref name="count"/>-entry DLQ of <see cref="OrdersUrl"/> that failed one millisecond apart,
    /// the last at <paramref name="lastFailedAt"/>, made <c>(from, count)</c> at a time for <see cref="SeedAsync"/>: failures
    /// as recent as after an outage, so that a drain's range from its first failure to its start holds little but them.
    /// </summary>
    public static Func<int, int, IReadOnlyList<DlqEntry>> RecentFailures(int count, DateTimeOffset lastFailedAt) =>
        (from, batch) => FailedRuns.Many(batch, OrdersUrl, lastFailedAt.AddMilliseconds(from - count + 1), TimeSpan.FromMilliseconds(1));

    /// <summary>The selection that drains <see cref="OneWorkflow"/> and <see cref="RecentFailures"/>.</summary>
    public static DlqSelection OrdersOnly { get; } = new() { WorkflowUrls = [OrdersUrl] };

    /// <summary>Entries <paramref name="from"/> .. <paramref name="from"/> + <paramref name="count"/> - 1 of the two-URL DLQ.</summary>
    public static IReadOnlyList<DlqEntry> Mixed(int from, int count, int bodyLength = 0) =>
        FailedRuns.Many(count, i =>
        {
            int n = from + i;
            FailedRun run = FailedRun.For(n % 2 == 0 ? OrdersUrl : InvoicesUrl).FailedAt(Start.AddSeconds(n));
            return bodyLength > 0 ? run.WithBody(Body(n, bodyLength)) : run;
        });

    /// <summary>One URL and the middle 80 % of the failure times of a <paramref name="dlqSize"/>-entry two-URL DLQ: 40 % of it.</summary>
    public static DlqSelection MiddleOfOrders(int dlqSize) => new()
    {
        WorkflowUrls = [OrdersUrl],
        FromDate = Start.AddSeconds(dlqSize / 10),
        ToDate = Start.AddSeconds(dlqSize * 9 / 10),
    };

    /// <summary>Adds <paramref name="count"/> entries made by <paramref name="make"/>(from, count) in batches.</summary>
    public static async Task SeedAsync(IDlqStore store, int count, Func<int, int, IReadOnlyList<DlqEntry>> make)
    {
        for (int from = 0; from < count; from += BatchSize)
        {
            await new DlqStoreWrites(store).AddAsync(make(from, Math.Min(BatchSize, count - from)));
        }
    }

    /// <summary>A distinct UTF-8 JSON body of exactly <paramref name="length"/> characters.</summary>
    private static string Body(int n, int length)
    {
        string head = string.Create(CultureInfo.InvariantCulture, $"{{\"order\":{n},\"note\":\"");
        return string.Concat(head, new string('x', Math.Max(0, length - head.Length - 2)), "\"}");
    }
}
