using BulkResume.Engine;
using BulkResume.IntegrationTests.Support;

namespace BulkResume.IntegrationTests.Properties;

/// <summary>
/// Runs one <see cref="DrainCase"/>: seeds its DLQ (two workflows; failure times by its shape, all before the clock's
/// now), turns its fault on, drains its selection through the client on a fake clock shared with the engine, and checks
/// the outcome against the engine's records.
/// </summary>
internal static class DrainCaseRunner
{
    private const string ResumePath = "/v2/workflows/dlq/resume";
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(50);

    public static async Task RunAsync(DrainCase drain)
    {
        var random = new Random(drain.Seed);
        var clock = new FakeClock();
        await using var store = GeneratedStore.Open(drain.Store);
        using var harness = new EngineHarness(clock, options => options.Retry.MaxAttempts = 10, store.Store);
        var entries = GeneratedDlq.Seed(drain.Shape, drain.Size, random, clock.GetUtcNow());
        await harness.Engine.DeadLetterAsync(entries);
        var (filter, selects, byIds) = GeneratedDlq.Select(drain.Selection, random, entries, serviceNow: clock.GetUtcNow(), clientNow: clock.GetUtcNow());
        var selected = entries.Where(selects).Select(entry => entry.DlqId).ToList();
        var others = entries.Select(entry => entry.DlqId).Except(selected).ToList();
        Inject(harness.Server.Faults, drain, random);

        var reports = new List<UnknownPageOutcome>();
        var yielded = new List<ResumedRun>();
        var options = new ResumeOptions { MaxConcurrency = drain.Concurrency, PageSize = drain.PageSize, OnUnknownOutcome = reports.Add };
        OutcomeUnknownException? unknown = null;
        try
        {
            await clock.DriveAsync(Drain.IntoAsync(harness.Client.Dlq.BulkResumeAsync(filter, options), yielded), Step, maxSteps: 5_000);
        }
        catch (OutcomeUnknownException exception) when (byIds)
        {
            unknown = exception;
        }

        if (unknown is null)
        {
            await DrainAudit.AssertExactlyOnceAsync(harness, selected, others, yielded, reports.Sum(report => report.MaxAffectedCount));
            int lostResumes = harness.Wire.Requests.Count(request =>
                request.Method == "POST" && request.Path == ResumePath && request.Status is null or System.Net.HttpStatusCode.InternalServerError);
            Assert.Equal(byIds ? 0 : lostResumes, reports.Count);
        }
        else
        {
            await AssertThreeWayReportAsync(harness, selected, others, yielded, unknown);
        }
    }

    /// <summary>By ids, in doubt: the three lists are the selection; what was done and what is in doubt left the DLQ, and only they; the yielded runs are exactly those done.</summary>
    private static async Task AssertThreeWayReportAsync(EngineHarness harness, List<string> selected, List<string> others, List<ResumedRun> yielded, OutcomeUnknownException unknown)
    {
        Assert.NotEmpty(unknown.InDoubtIds);
        Assert.Equal(selected.Order(StringComparer.Ordinal), unknown.DoneIds.Concat(unknown.InDoubtIds).Concat(unknown.NotAttemptedIds).Order(StringComparer.Ordinal));
        var remaining = await harness.RemainingDlqIdsAsync();
        Assert.Equal(unknown.NotAttemptedIds.Concat(others).Order(StringComparer.Ordinal), remaining.Order(StringComparer.Ordinal));
        var resumed = await harness.ResumedRunsAsync();
        Assert.Equal(unknown.DoneIds.Concat(unknown.InDoubtIds).Order(StringComparer.Ordinal), resumed.Select(run => run.SourceDlqId!).Order(StringComparer.Ordinal));
        var yieldedIds = yielded.Select(run => run.WorkflowRunId).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(yielded.Count, yieldedIds.Count);
        var yieldedSources = resumed.Where(run => yieldedIds.Contains(run.WorkflowRunId)).Select(run => run.SourceDlqId!);
        Assert.Equal(yielded.Count, yieldedSources.Count());
        Assert.Equal(unknown.DoneIds.Order(StringComparer.Ordinal), yieldedSources.Order(StringComparer.Ordinal));
    }

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
