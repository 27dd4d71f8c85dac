using BulkResume.Engine.Storage;
using BulkResume.Engine.Tests.Support;

namespace BulkResume.Engine.Tests.Resume;

public sealed class RestartTests
{
    [Fact]
    public async Task Restart_drops_every_step_while_resume_keeps_the_successful_ones()
    {
        var fixture = new EngineFixture();
        await fixture.Engine.DeadLetterAsync(
            FailedRun.For(Seed.Orders).WithDlqId("to-resume").FailedAtStep(3, of: 4).Build(),
            FailedRun.For(Seed.Orders).WithDlqId("to-restart").FailedAtStep(3, of: 4).Build());
        fixture.Clock.Advance(TimeSpan.FromMinutes(5));

        ResumedRunResult resumed = await fixture.Engine.ResumeAsync("to-resume");
        ResumedRunResult restarted = await fixture.Engine.RestartAsync("to-restart");

        RunRecord resumedRun = (await fixture.Store.GetRunAsync(resumed.WorkflowRunId))!;
        RunRecord restartedRun = (await fixture.Store.GetRunAsync(restarted.WorkflowRunId))!;
        Assert.Equal(["init", "step-1", "step-2"], resumedRun.Steps.Select(step => step.StepName));
        Assert.Empty(restartedRun.Steps);
        Assert.Equal(
            (WorkflowRunOrigin.Restarted, "to-restart", RunState.Started, fixture.Clock.GetUtcNow()),
            (restartedRun.Origin, restartedRun.SourceDlqId, restartedRun.State, restartedRun.CreatedAt));
        Assert.Equal(("to-restart", fixture.Clock.GetUtcNow()), (restarted.SourceDlqId, restarted.WorkflowCreatedAt));
        Assert.Equal(0, await fixture.DlqCountAsync());
    }

    [Fact]
    public async Task Restart_applies_overrides_exactly_like_resume()
    {
        var fixture = new EngineFixture();
        await fixture.Engine.DeadLetterAsync(FailedRuns.Many(2, i => FailedRun.For(Seed.Orders).WithDlqId($"dlq-{i}")
            .WithFlowControlKey("tenant-a", parallelism: 2, rate: 10, period: TimeSpan.FromMinutes(1)).WithMaxRetries(4)));
        var overrides = new ResumeOverrides { FlowControlKey = "tenant-b", Rate = 10, Period = TimeSpan.FromSeconds(30), Labels = ["again"] };

        ResumedRunResult resumed = await fixture.Engine.ResumeAsync("dlq-0", overrides);
        ResumedRunResult restarted = await fixture.Engine.RestartAsync("dlq-1", overrides);

        WorkflowRunConfiguration expected = new() { FlowControlKey = "tenant-b", Parallelism = 2, Rate = 10, Period = TimeSpan.FromSeconds(30), Retries = 4 };
        Assert.Equal(expected, (await fixture.Store.GetRunAsync(resumed.WorkflowRunId))!.Configuration);
        Assert.Equal(expected, (await fixture.Store.GetRunAsync(restarted.WorkflowRunId))!.Configuration);
        Assert.Equal(["again"], (await fixture.Store.GetRunAsync(restarted.WorkflowRunId))!.Labels);
    }

    [Fact]
    public async Task Bulk_restart_pages_with_a_cursor_like_bulk_resume()
    {
        var fixture = new EngineFixture();
        await fixture.Engine.DeadLetterAsync(Seed.Entries(5));

        BulkResumeResult first = await fixture.Engine.BulkRestartAsync(DlqSelection.All, count: 3);
        BulkResumeResult last = await fixture.Engine.BulkRestartAsync(DlqSelection.All, first.Cursor, count: 3);

        Assert.Equal(["dlq-00000", "dlq-00001", "dlq-00002"], first.ResumedRuns.Select(run => run.SourceDlqId));
        Assert.Equal(["dlq-00003", "dlq-00004"], last.ResumedRuns.Select(run => run.SourceDlqId));
        Assert.NotNull(first.Cursor);
        Assert.Null(last.Cursor);
        Assert.Equal(5, (await fixture.Store.GetStatisticsAsync()).RunsByOrigin[WorkflowRunOrigin.Restarted]);
    }

    [Fact]
    public async Task Bulk_restart_by_ids_is_all_or_nothing()
    {
        var fixture = new EngineFixture();
        await fixture.Engine.DeadLetterAsync(Seed.Entries(3));

        var error = await Assert.ThrowsAsync<DlqEngineException>(async () =>
            await fixture.Engine.BulkRestartAsync(DlqSelection.ForIds("dlq-00000", "nope")));

        Assert.Equal((DlqErrorKind.NotFound, "Some DLQ messages were not found: nope"), (error.Kind, error.Message));
        Assert.Equal(3, await fixture.DlqCountAsync());
    }

    [Fact]
    public async Task Resuming_or_restarting_a_missing_entry_is_not_found_and_makes_no_run()
    {
        var fixture = new EngineFixture();
        await fixture.Engine.DeadLetterAsync(Seed.Entries(1));

        var resume = await Assert.ThrowsAsync<DlqEngineException>(async () => await fixture.Engine.ResumeAsync("nope"));
        var restart = await Assert.ThrowsAsync<DlqEngineException>(async () => await fixture.Engine.RestartAsync("nope"));

        Assert.Equal((DlqErrorKind.NotFound, "DLQ message nope was not found"), (resume.Kind, resume.Message));
        Assert.Equal((DlqErrorKind.NotFound, "DLQ message nope was not found"), (restart.Kind, restart.Message));
        DlqStoreStatistics statistics = await fixture.Store.GetStatisticsAsync();
        Assert.Equal(1, statistics.DlqEntryCount);
        Assert.Equal([WorkflowRunOrigin.Triggered], statistics.RunsByOrigin.Keys);
    }

    [Fact]
    public async Task A_bad_override_or_an_empty_id_is_a_bad_request_that_changes_nothing()
    {
        var fixture = new EngineFixture();
        await fixture.Engine.DeadLetterAsync(Seed.Entries(1));

        var badOverride = await Assert.ThrowsAsync<DlqEngineException>(async () =>
            await fixture.Engine.RestartAsync("dlq-00000", new ResumeOverrides { FlowControlKey = "k", Parallelism = 0 }));
        var emptyId = await Assert.ThrowsAsync<DlqEngineException>(async () => await fixture.Engine.ResumeAsync(" "));

        Assert.StartsWith("Upstash-Flow-Control-Value parallelism must be at least 1", badOverride.Message, StringComparison.Ordinal);
        Assert.Equal((DlqErrorKind.BadRequest, "dlqId"), (emptyId.Kind, emptyId.ParameterName));
        Assert.Equal(1, await fixture.DlqCountAsync());
    }
}
