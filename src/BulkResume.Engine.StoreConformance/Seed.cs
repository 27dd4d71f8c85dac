namespace BulkResume.Engine.StoreConformance;

/// <summary>The test data of the suite, shared with the engine's own tests: entries a second apart with ids in order.</summary>
internal static class Seed
{
    public const string Orders = "https://example.com/api/orders";
    public const string Billing = "https://example.com/api/billing";
    public const string Shipping = "https://example.com/api/shipping";

    public static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeMilliseconds(1752829295505);

    /// <summary><paramref name="count"/> entries of one URL failing a second apart, with ids <c>dlq-00000</c>...</summary>
    public static IReadOnlyList<DlqEntry> Entries(int count, string url = Orders, int firstIndex = 0) =>
        FailedRuns.Many(count, i => FailedRun.For(url)
            .WithDlqId($"dlq-{firstIndex + i:D5}")
            .WithRunId($"wfr_seed{firstIndex + i:D5}")
            .FailedAt(T0.AddSeconds(firstIndex + i)));

    public static IEnumerable<string> Ids(this IEnumerable<DlqEntry> entries) => entries.Select(entry => entry.DlqId);
}
