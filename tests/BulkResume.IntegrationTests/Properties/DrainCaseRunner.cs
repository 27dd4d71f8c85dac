using BulkResume.Engine.Faults;
using BulkResume.Engine.Model;
using BulkResume.Engine.Sqlite;
using BulkResume.Engine.Storage;
using BulkResume.Engine.Testing;
using BulkResume.IntegrationTests.Support;
using Microsoft.Data.Sqlite;

namespace BulkResume.IntegrationTests.Properties;

/// <summary>
/// Runs one <see cref="DrainCase"/>: seeds its DLQ (two workflows; failure times by its shape, all before the clock's
/// now), turns its fault on, drains its selection through the client on a fake clock shared with the engine, and checks
/// the outcome against the engine's records.
/// </summary>
internal static class DrainCaseRunner
{
    private const string Orders = "https://shop.example.com/api/workflows/orders";
    private const string Invoices = "https://shop.example.com/api/workflows/invoices";
    private const string ResumePath = "/v2/workflows/dlq/resume";
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(50);

    public static async Task RunAsync(DrainCase drain)
    {
        var random = new Random(drain.Seed);
        var clock = new FakeClock();
        string? file = drain.Store == StoreKind.Sqlite ? Path.Combine(Path.GetTempPath(), $"bulkresume-drain-{Guid.NewGuid():N}.db") : null;
        SqliteDlqStore? sqlite = file is null ? null : SqliteDlqStore.Open(file);
        try
        {
            using var harness = new EngineHarness(clock, options => options.Retry.MaxAttempts = 10, sqlite);
            var entries = Seed(drain, random, clock.GetUtcNow());
            await harness.Engine.DeadLetterAsync(entries);
            var (filter, selected, byIds) = Select(drain.Selection, random, entries);
            var others = entries.Select(entry => entry.DlqId).Except(selected).ToList();
            Inject(harness.Server.Faults, drain, random);

            var reports = new List<UnknownResumeOutcome>();
            var yielded = new List<ResumedRun>();
            var options = new ResumeOptions { MaxConcurrency = drain.Concurrency, PageSize = drain.PageSize, OnUnknownOutcome = reports.Add };
            ResumeOutcomeUnknownException? unknown = null;
            try
            {
                await clock.DriveAsync(Drain.IntoAsync(harness.Client.Dlq.BulkResumeAsync(filter, options), yielded), Step, maxSteps: 5_000);
            }
            catch (ResumeOutcomeUnknownException exception) when (byIds)
            {
                unknown = exception;
            }

            if (unknown is null)
            {
                await DrainAudit.AssertExactlyOnceAsync(harness, selected, others, yielded, reports.Sum(report => report.MaxRuns));
                int lostResumes = harness.Wire.Requests.Count(request =>
                    request.Method == "POST" && request.Path == ResumePath && request.Status is null or System.Net.HttpStatusCode.InternalServerError);
                Assert.Equal(byIds ? 0 : lostResumes, reports.Count);
            }
            else
            {
                await AssertThreeWayReportAsync(harness, selected, others, yielded, unknown);
            }
        }
        finally
        {
            if (sqlite is not null)
            {
                await sqlite.DisposeAsync();
                SqliteConnection.ClearAllPools();
                foreach (var path in new[] { file!, file + "-wal", file + "-shm" })
                {
                    File.Delete(path);
                }
            }
        }
    }

    /// <summary>By ids, in doubt: the three lists are the selection; what was done and what is in doubt left the DLQ, and only they; the yielded runs are exactly those done.</summary>
    private static async Task AssertThreeWayReportAsync(EngineHarness harness, List<string> selected, List<string> others, List<ResumedRun> yielded, ResumeOutcomeUnknownException unknown)
    {
        Assert.NotEmpty(unknown.DlqIds);
        Assert.Equal(selected.Order(StringComparer.Ordinal), unknown.ResumedDlqIds.Concat(unknown.DlqIds).Concat(unknown.NotAttemptedDlqIds).Order(StringComparer.Ordinal));
        var remaining = await harness.RemainingDlqIdsAsync();
        Assert.Equal(unknown.NotAttemptedDlqIds.Concat(others).Order(StringComparer.Ordinal), remaining.Order(StringComparer.Ordinal));
        var resumed = await harness.ResumedRunsAsync();
        Assert.Equal(unknown.ResumedDlqIds.Concat(unknown.DlqIds).Order(StringComparer.Ordinal), resumed.Select(run => run.SourceDlqId!).Order(StringComparer.Ordinal));
        var yieldedIds = yielded.Select(run => run.WorkflowRunId).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(yielded.Count, yieldedIds.Count);
        var yieldedSources = resumed.Where(run => yieldedIds.Contains(run.WorkflowRunId)).Select(run => run.SourceDlqId!);
        Assert.Equal(yielded.Count, yieldedSources.Count());
        Assert.Equal(unknown.ResumedDlqIds.Order(StringComparer.Ordinal), yieldedSources.Order(StringComparer.Ordinal));
    }

    private static List<DlqEntry> Seed(DrainCase drain, Random random, DateTimeOffset now)
    {
        long end = now.ToUnixTimeMilliseconds();
        long hot = end - random.NextInt64(1, 7_200_000);
        var entries = new List<DlqEntry>(drain.Size);
        for (int i = 0; i < drain.Size; i++)
        {
            long failedAt = drain.Shape switch
            {
                DlqShape.LastMinute when random.NextDouble() < 0.95 => end - random.NextInt64(1, 60_000),
                DlqShape.LastMinute => end - random.NextInt64(60_000, 604_800_000),
                DlqShape.HotMillisecond when random.NextDouble() < 0.9 => hot,
                _ => end - random.NextInt64(1, 7_200_000),
            };
            string url = random.NextDouble() < 0.7 ? Orders : Invoices;
            entries.Add(FailedRun.For(url).FailedAt(DateTimeOffset.FromUnixTimeMilliseconds(failedAt)).Build());
        }

        return entries;
    }

    private static (ResumeFilter Filter, List<string> Selected, bool ByIds) Select(SelectionKind kind, Random random, List<DlqEntry> entries)
    {
        // No entry to name: ids become everything (a list of ids can't be empty).
        if (entries.Count == 0 && kind == SelectionKind.Ids)
        {
            kind = SelectionKind.All;
        }

        switch (kind)
        {
            case SelectionKind.OneWorkflow:
                return (ResumeFilter.Create().ForWorkflowUrl(Orders), Where(entries, entry => entry.WorkflowUrl == Orders), false);
            case SelectionKind.TimeRange when entries.Count > 0:
                long a = entries[random.Next(entries.Count)].CreatedAt.ToUnixTimeMilliseconds();
                long b = entries[random.Next(entries.Count)].CreatedAt.ToUnixTimeMilliseconds();
                var (from, to) = (Math.Min(a, b), Math.Max(a, b));
                return (
                    ResumeFilter.Create().FailedBetween(DateTimeOffset.FromUnixTimeMilliseconds(from), DateTimeOffset.FromUnixTimeMilliseconds(to)),
                    Where(entries, entry => entry.CreatedAt.ToUnixTimeMilliseconds() is var at && at >= from && at <= to),
                    false);
            case SelectionKind.Ids:
                var ids = entries.Select(entry => entry.DlqId).OrderBy(_ => random.Next()).Take(random.Next(1, entries.Count + 1)).ToList();
                return (ResumeFilter.ForDlqIds(ids), ids, true);
            default:
                return (ResumeFilter.All(), Where(entries, _ => true), false);
        }
    }

    private static List<string> Where(List<DlqEntry> entries, Func<DlqEntry, bool> selects) =>
        entries.Where(selects).Select(entry => entry.DlqId).ToList();

    private static void Inject(FaultInjector faults, DrainCase drain, Random random)
    {
        switch (drain.Fault)
        {
            case FaultKind.ApplyThenFail:
                faults.ApplyThenFailRandomly(0.15, drain.Seed, random.Next(2) == 0 ? FaultFailure.ServerError : FaultFailure.ConnectionDrop);
                break;
            case FaultKind.BurstLimit:
                faults.SetBurstLimit(random.Next(3, 11));
                faults.Latency = TimeSpan.FromMilliseconds(random.Next(20, 101));
                break;
            case FaultKind.Latency:
                faults.Latency = TimeSpan.FromMilliseconds(random.Next(1, 51));
                break;
            case FaultKind.DropNext:
                faults.DropNext(random.Next(1, 6));
                break;
        }
    }
}
