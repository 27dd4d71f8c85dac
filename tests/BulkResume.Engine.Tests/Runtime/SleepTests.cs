using BulkResume.Engine.Storage;
using BulkResume.Engine.Tests.Runtime.Support;
using BulkResume.Engine.Tests.Support;

namespace BulkResume.Engine.Tests.Runtime;

/// <summary>A sleep step waits on the engine's clock, and is not slept again when its run is resumed.</summary>
public sealed class SleepTests
{
    private const string Reminder = "https://example.com/api/reminder";

    [Fact]
    public async Task A_sleep_step_waits_on_the_engines_clock_and_is_recorded()
    {
        (TimerWatchingClock clock, DlqEngine engine) = NewEngine();
        int reminded = 0;
        await using var runtime = new WorkflowRuntime(engine).Map(Reminder, async context =>
        {
            await context.SleepAsync("wait-a-day", TimeSpan.FromDays(1));
            await context.RunAsync("remind", _ =>
            {
                Interlocked.Increment(ref reminded);
                return Task.FromResult("reminded");
            });
        });

        string runId = await runtime.TriggerAsync(Reminder);
        Assert.Equal(TimeSpan.FromDays(1), await clock.NextTimerAsync());
        clock.Advance(TimeSpan.FromDays(1) - TimeSpan.FromTicks(1));
        Assert.False(runtime.WaitForIdleAsync().IsCompleted);
        clock.Advance(TimeSpan.FromTicks(1));
        await runtime.WaitForIdleAsync();

        RunRecord run = (await engine.Store.GetRunAsync(runId))!;
        Assert.Equal((1, RunState.Success), (reminded, run.State));
        Assert.Equal(
            [("init", StepType.Initial, Seed.T0), ("wait-a-day", StepType.SleepFor, Seed.T0), ("remind", StepType.Run, Seed.T0.AddDays(1))],
            run.Steps.Select(step => (step.StepName, step.StepType, step.CreatedAt)));
    }

    [Fact]
    public async Task A_sleep_longer_than_one_timer_can_wait_ends_when_the_clock_gets_there()
    {
        (TimerWatchingClock clock, DlqEngine engine) = NewEngine();
        await using var runtime = new WorkflowRuntime(engine).Map(Reminder, context => context.SleepAsync("wait-a-year", TimeSpan.FromDays(365)));

        string runId = await runtime.TriggerAsync(Reminder);
        Assert.Equal(TimeSpan.FromDays(49), await clock.NextTimerAsync());
        clock.Advance(TimeSpan.FromDays(365));
        await runtime.WaitForIdleAsync();

        RunRecord run = (await engine.Store.GetRunAsync(runId))!;
        Assert.Equal((RunState.Success, Seed.T0.AddDays(365)), (run.State, run.CompletedAt));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_resumed_run_does_not_sleep_a_recorded_sleep_again()
    {
        (TimerWatchingClock clock, DlqEngine engine) = NewEngine();
        bool mailDown = true;
        await using var runtime = new WorkflowRuntime(engine).Map(Reminder, async context =>
        {
            await context.SleepAsync("wait-a-day", TimeSpan.FromDays(1));
            await context.RunAsync("remind", _ => mailDown ? throw new InvalidOperationException("mail server down") : Task.FromResult("reminded"));
        });
        await runtime.TriggerAsync(Reminder, options: new WorkflowTriggerOptions { Retries = 0 });
        await clock.NextTimerAsync();
        clock.Advance(TimeSpan.FromDays(1));
        await runtime.WaitForIdleAsync();
        mailDown = false;

        await engine.BulkResumeAsync(DlqSelection.All);
        await runtime.WaitForIdleAsync();

        Assert.Equal(1, clock.TimerCount);
        Assert.Equal(0, (await engine.Store.GetStatisticsAsync()).DlqEntryCount);
        Assert.Equal(1, (await engine.Store.GetStatisticsAsync()).RunsByState[RunState.Success]);
    }

    private static (TimerWatchingClock Clock, DlqEngine Engine) NewEngine()
    {
        var clock = new TimerWatchingClock(Seed.T0);
        return (clock, new DlqEngine(new InMemoryDlqStore(), new DlqEngineOptions { TimeProvider = clock, IdGenerator = new SequentialIdGenerator() }));
    }
}
