using BulkResume.Engine;

namespace BulkResume.IntegrationTests.Properties;

/// <summary>
/// The random DLQ and selection of a generated drain, drawn from the case's own <see cref="Random"/> so that its seed
/// reproduces them. Two workflows; failure times spread by a <see cref="DlqShape"/>, all before the service's now.
/// </summary>
internal static class GeneratedDlq
{
    public const string Orders = "https://shop.example.com/api/workflows/orders";
    public const string Invoices = "https://shop.example.com/api/workflows/invoices";

    /// <summary>Either workflow, seven times in ten the orders: of a seeded entry, and of a run failing during a drain.</summary>
    public static string AnyWorkflow(Random random) => random.NextDouble() < 0.7 ? Orders : Invoices;

    /// <summary><paramref name="size"/> entries spread by <paramref name="shape"/>, each failed strictly before <paramref name="now"/>.</summary>
    public static List<DlqEntry> Seed(DlqShape shape, int size, Random random, DateTimeOffset now)
    {
        long end = now.ToUnixTimeMilliseconds();
        long hot = end - random.NextInt64(1, 7_200_000);
        var entries = new List<DlqEntry>(size);
        for (int i = 0; i < size; i++)
        {
            long failedAt = shape switch
            {
                DlqShape.LastMinute when random.NextDouble() < 0.95 => end - random.NextInt64(1, 60_000),
                DlqShape.LastMinute => end - random.NextInt64(60_000, 604_800_000),
                DlqShape.HotMillisecond when random.NextDouble() < 0.9 => hot,
                _ => end - random.NextInt64(1, 7_200_000),
            };
            entries.Add(FailedRun.For(AnyWorkflow(random)).FailedAt(DateTimeOffset.FromUnixTimeMilliseconds(failedAt)).Build());
        }

        return entries;
    }

    /// <summary>
    /// A selection of <paramref name="kind"/> over <paramref name="entries"/>, and what it selects of any entry (also of
    /// one that fails later). <paramref name="serviceNow"/> and <paramref name="clientNow"/> are the two clocks' nows
    /// when the drain starts, around which the kinds near now pick their instants.
    /// </summary>
    public static GeneratedSelection Select(SelectionKind kind, Random random, List<DlqEntry> entries, DateTimeOffset serviceNow, DateTimeOffset clientNow)
    {
        // No entry to name: ids become everything (a list of ids can't be empty), and a range from an entry too.
        if (entries.Count == 0 && kind is SelectionKind.Ids or SelectionKind.FromAnEntryToNearNow)
        {
            kind = SelectionKind.All;
        }

        switch (kind)
        {
            case SelectionKind.OneWorkflow:
                return new(ResumeFilter.Create().ForWorkflowUrl(Orders), entry => entry.WorkflowUrl == Orders);
            case SelectionKind.TimeRange when entries.Count > 0:
                long a = FailedAt(entries[random.Next(entries.Count)]);
                long b = FailedAt(entries[random.Next(entries.Count)]);
                return Between(Math.Min(a, b), Math.Max(a, b));
            case SelectionKind.Ids:
                var ids = entries.Select(entry => entry.DlqId).OrderBy(_ => random.Next()).Take(random.Next(1, entries.Count + 1)).ToList();
                var named = ids.ToHashSet(StringComparer.Ordinal);
                return new(ResumeFilter.ForDlqIds(ids), entry => named.Contains(entry.DlqId), ByIds: true);
            case SelectionKind.FailedAfterNearNow:
                long from = NearNow(random, serviceNow, clientNow);
                return new(ResumeFilter.Create().FailedAfter(DateTimeOffset.FromUnixTimeMilliseconds(from)), entry => FailedAt(entry) >= from);
            case SelectionKind.FailedBeforeNearNow:
                long to = NearNow(random, serviceNow, clientNow);
                return new(ResumeFilter.Create().FailedBefore(DateTimeOffset.FromUnixTimeMilliseconds(to)), entry => FailedAt(entry) <= to);
            case SelectionKind.FromAnEntryToNearNow:
                long first = FailedAt(entries[random.Next(entries.Count)]);
                long last = NearNow(random, serviceNow, clientNow);
                return Between(Math.Min(first, last), Math.Max(first, last));
            default:
                return new(ResumeFilter.All(), _ => true);
        }
    }

    private static long FailedAt(DlqEntry entry) => entry.CreatedAt.ToUnixTimeMilliseconds();

    private static GeneratedSelection Between(long from, long to) => new(
        ResumeFilter.Create().FailedBetween(DateTimeOffset.FromUnixTimeMilliseconds(from), DateTimeOffset.FromUnixTimeMilliseconds(to)),
        entry => FailedAt(entry) is var at && at >= from && at <= to);

    /// <summary>
    /// An instant where a skewed clock makes a difference: within 10 s of either clock's now, exactly at one of them
    /// (an entry failing there is on the edge), or in the future of both (a bound no entry has reached yet).
    /// </summary>
    private static long NearNow(Random random, DateTimeOffset serviceNow, DateTimeOffset clientNow)
    {
        long service = serviceNow.ToUnixTimeMilliseconds();
        long client = clientNow.ToUnixTimeMilliseconds();
        return random.Next(4) switch
        {
            0 => service + random.NextInt64(-10_000, 10_001),
            1 => client + random.NextInt64(-10_000, 10_001),
            2 => random.Next(2) == 0 ? service : client,
            _ => Math.Max(service, client) + random.NextInt64(1, 3_600_001),
        };
    }
}

/// <summary>A generated selection: the filter sent, what it selects of an entry, and whether it names ids.</summary>
internal sealed record GeneratedSelection(ResumeFilter Filter, Func<DlqEntry, bool> Selects, bool ByIds = false);
