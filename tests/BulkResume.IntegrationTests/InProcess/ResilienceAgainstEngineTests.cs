using BulkResume.Engine;
using BulkResume.IntegrationTests.Support;
using EngineRun = BulkResume.Engine.RunRecord;

namespace BulkResume.IntegrationTests.InProcess;

/// <summary>
/// Every retry path against the engine with injected faults, on a fake clock shared by client and engine: no real
/// sleeping, and every entry still resumed exactly once.
/// </summary>
public sealed class ResilienceAgainstEngineTests
{
    private const string Orders = "https://shop.example.com/api/workflows/orders";
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);

    private static async Task<(EngineHarness Harness, FakeClock Clock, IReadOnlyList<DlqEntry> Seeded)> SeededAsync(int count, Action<WorkflowClientOptions>? configure = null)
    {
        var clock = new FakeClock();
        var harness = new EngineHarness(clock, configure);
        IReadOnlyList<DlqEntry> seeded = FailedRuns.Many(count, Orders, FailedRun.DefaultFailedAt);
        await harness.Engine.DeadLetterAsync(seeded);
        return (harness, clock, seeded);
    }

    [Fact]
    public async Task Transient_503s_and_dropped_connections_before_applying_are_retried()
    {
        var (harness, clock, _) = await SeededAsync(100);
        using var _h = harness;
        harness.Server.Faults.FailNext(2, 503);
        harness.Server.Faults.DropNext(1);

        List<ResumedRun> runs = await clock.DriveAsync(Drain.AllAsync(harness.Client.Dlq.BulkResumeAsync(ResumeFilter.All())), Step);

        Assert.Equal(100, runs.Count);
        Assert.Equal(100, (await harness.ResumedRunsAsync()).Count);
    }

    [Fact]
    public async Task A_burst_limit_of_5_per_second_while_draining_2000_entries_completes_within_the_retry_budget()
    {
        var (harness, clock, seeded) = await SeededAsync(2_000);
        using var _h = harness;
        harness.Server.Faults.SetBurstLimit(5);
        var perPage = new ResumeOptions { PageSize = 50 };

        List<ResumedRun> runs = await clock.DriveAsync(Drain.AllAsync(harness.Client.Dlq.BulkResumeAsync(ResumeFilter.All(), perPage)), Step);

        Assert.Equal(2_000, runs.Count);
        Assert.Equal(seeded.Select(e => e.DlqId).Order(), (await harness.ResumedRunsAsync()).Select(r => r.SourceDlqId!).Order());
        int pages = (2_000 / 50) + 1;
        Assert.InRange(harness.Server.Faults.RateLimitedCount, 1, pages * (new WorkflowClientOptions().Retry.MaxAttempts - 1));
    }

    [Fact]
    public async Task Draining_1000_while_10_percent_apply_then_fail_resumes_each_once_and_accounts_for_all()
    {
        var (harness, clock, seeded) = await SeededAsync(1_000, o => o.Retry.MaxAttempts = 10);
        using var _h = harness;
        harness.Server.Faults.ApplyThenFailRandomly(0.10, seed: 42);
        var unknown = new List<UnknownPageOutcome>();

        List<ResumedRun> yielded = await clock.DriveAsync(
            Drain.AllAsync(harness.Client.Dlq.BulkResumeAsync(ResumeFilter.All(), new ResumeOptions { PageSize = 25, OnUnknownOutcome = unknown.Add })),
            Step);

        List<EngineRun> resumed = await harness.ResumedRunsAsync();
        Assert.Equal(seeded.Select(e => e.DlqId).Order(), resumed.Select(r => r.SourceDlqId!).Order());
        Assert.Equal(0, await harness.DlqCountAsync());
        Assert.True(harness.Server.Faults.AppliedThenFailedCount > 0, "the fault must have hit");
        Assert.Equal(harness.Server.Faults.AppliedThenFailedCount, unknown.Count);
        var yieldedIds = yielded.Select(r => r.WorkflowRunId).ToHashSet();
        Assert.Equal(yielded.Count, yieldedIds.Count);
        Assert.Subset(resumed.Select(r => r.WorkflowRunId).ToHashSet(), yieldedIds);
        int unseen = resumed.Count - yielded.Count;
        Assert.InRange(unseen, 1, unknown.Sum(u => u.MaxAffectedCount));
    }

    [Fact]
    public async Task Explicit_ids_applied_then_failed_are_an_unknown_outcome_not_a_false_not_found()
    {
        var (harness, clock, seeded) = await SeededAsync(10);
        using var _h = harness;
        harness.Server.Faults.ApplyThenFailNext(1, FaultFailure.ConnectionDrop);
        string[] ids = seeded.Select(e => e.DlqId).ToArray();

        var error = await Assert.ThrowsAsync<OutcomeUnknownException>(
            () => clock.DriveAsync(Drain.AllAsync(harness.Client.Dlq.BulkResumeAsync(ResumeFilter.ForDlqIds(ids))), Step));

        Assert.Equal(ids, error.InDoubtIds);
        Assert.Equal(10, (await harness.ResumedRunsAsync()).Count);
        Assert.Equal(0, await harness.DlqCountAsync());
    }

    [Fact]
    public async Task Latency_beyond_the_attempt_timeout_is_retried_then_reported_without_resuming_twice()
    {
        var (harness, clock, _) = await SeededAsync(5, o => { o.AttemptTimeout = TimeSpan.FromSeconds(1); o.Retry.MaxAttempts = 3; });
        using var _h = harness;
        harness.Server.Faults.Latency = TimeSpan.FromSeconds(5);

        var error = await Assert.ThrowsAsync<WorkflowApiException>(
            () => clock.DriveAsync(Drain.AllAsync(harness.Client.Dlq.BulkResumeAsync(ResumeFilter.All())), Step));

        Assert.Equal(0, error.Status);
        Assert.Contains("3 attempt(s)", error.Message, StringComparison.Ordinal);
        Assert.Empty(await harness.ResumedRunsAsync());
        Assert.Equal(5, await harness.DlqCountAsync());
    }

    [Fact]
    public async Task A_4xx_is_not_retried_and_changes_nothing()
    {
        var (harness, clock, _) = await SeededAsync(5);
        using var _h = harness;
        harness.Server.Faults.FailNext(2, 400, message: "Incompatible step name. Expected fetch, got charge");

        var error = await Assert.ThrowsAsync<WorkflowApiException>(
            () => clock.DriveAsync(Drain.AllAsync(harness.Client.Dlq.BulkResumeAsync(ResumeFilter.All())), Step));

        Assert.Equal(400, error.Status);
        Assert.Equal("Incompatible step name. Expected fetch, got charge", error.ErrorMessage);
        Assert.Equal(5, await harness.DlqCountAsync());
    }
}
