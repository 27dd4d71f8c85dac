using BulkResume.Engine.Tests.Runtime.Support;

namespace BulkResume.Engine.Tests.Runtime;

/// <summary>A run canceled by a caller stops executing, and nothing it does afterwards writes over the cancel.</summary>
public sealed class CancelTests
{
    private const string Slow = "https://example.com/api/slow";

    [Fact]
    public async Task A_run_canceled_while_it_sleeps_stops_and_stays_canceled_at_the_cancels_time()
    {
        await using var fixture = new RuntimeFixture();
        var sleeping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bool woke = false;
        fixture.Runtime.Map(Slow, async context =>
        {
            await context.RunAsync("first", _ => Task.FromResult("done"));
            sleeping.SetResult();
            await context.SleepAsync("forever", TimeSpan.FromDays(365));
            woke = true;
        });
        string runId = await fixture.Runtime.TriggerAsync(Slow);
        await sleeping.Task;
        DateTimeOffset canceledAt = fixture.Fixture.Clock.GetUtcNow();

        await fixture.Engine.CancelRunAsync(runId);
        fixture.Fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        await fixture.Runtime.WaitForIdleAsync();

        RunRecord run = await fixture.RunAsync(runId);
        Assert.Equal((RunState.Canceled, canceledAt), (run.State, run.CompletedAt));
        Assert.Equal(["init", "first"], run.Steps.Select(step => step.StepName));
        Assert.False(woke);
        Assert.Empty(await fixture.DlqAsync());
    }

    [Fact]
    public async Task A_step_that_ends_after_the_cancel_is_not_recorded_and_the_run_neither_succeeds_nor_fails()
    {
        await using var fixture = new RuntimeFixture();
        var inStep = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        int laterSteps = 0;
        fixture.Runtime.Map(Slow, async context =>
        {
            // The step ignores its token, as real work may: the cancel lands while it runs.
            await context.RunAsync("slow", _ =>
            {
                inStep.SetResult();
                return release.Task;
            });
            laterSteps++;
            await context.RunAsync("after", _ => throw new InvalidOperationException("would dead-letter the run"));
        });
        string runId = await fixture.Runtime.TriggerAsync(Slow);
        await inStep.Task;

        await fixture.Engine.CancelRunsAsync(RunSelection.All);
        release.SetResult("finished late");
        await fixture.Runtime.WaitForIdleAsync();

        RunRecord run = await fixture.RunAsync(runId);
        Assert.Equal(RunState.Canceled, run.State);
        Assert.Equal(["init"], run.Steps.Select(step => step.StepName));
        Assert.Equal(0, laterSteps);
        Assert.Empty(await fixture.DlqAsync());
    }
}
