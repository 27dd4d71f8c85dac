using BulkResume.Engine.Model;
using BulkResume.Engine.Testing;

namespace BulkResume.IntegrationTests.Properties;

/// <summary>
/// The random DLQ and selection of a generated drain, drawn from the case's own <see cref="Random"/> so that its seed
/// reproduces them. Two workflows; failure times spread by a <see cref="DlqShape"/>, all before the service's now.
/// </summary>
internal static class GeneratedDlq
{
    public const string Orders = "https://shop.example.com/api/workflows/orders";
    public const string Invoices = "https://shop.example.com/api/workflows/invoices";

    /// <summary>Either workflow, seven times in ten the orders.</summary>
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

    /// <summary>A selection of <paramref name="kind"/> over <paramref name="entries"/>, and what it selects of any entry.</summary>
    public static GeneratedSelection Select(SelectionKind kind, Random random, List<DlqEntry> entries)
    {
        // No entry to name: ids become everything (a list of ids can't be empty).
        if (entries.Count == 0 && kind == SelectionKind.Ids)
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
            default:
                return new(ResumeFilter.All(), _ => true);
        }
    }

    private static long FailedAt(DlqEntry entry) => entry.CreatedAt.ToUnixTimeMilliseconds();

    private static GeneratedSelection Between(long from, long to) => new(
        ResumeFilter.Create().FailedBetween(DateTimeOffset.FromUnixTimeMilliseconds(from), DateTimeOffset.FromUnixTimeMilliseconds(to)),
        entry => FailedAt(entry) is var at && at >= from && at <= to);
}

/// <summary>A generated selection: the filter sent, what it selects of an entry, and whether it names ids.</summary>
internal sealed record GeneratedSelection(ResumeFilter Filter, Func<DlqEntry, bool> Selects, bool ByIds = false);
