using BulkResume.Engine.Storage;
using BulkResume.Engine.Tests.Runtime.Support;
using BulkResume.Engine.Tests.Support;

namespace BulkResume.Engine.Tests.Runtime;

/// <summary>The overrides of a resume shape the new run as it executes: its delay, its retry delay, its labels and its failure callback.</summary>
public sealed class OverrideTests
{
    private const string Payments = "https://example.com/api/payments";

    [Fact]
    public async Task Upstash_Delay_holds_the_next_step_that_really_runs_and_replayed_steps_take_no_time()
    {
        (TimerWatchingClock clock, DlqEngine engine, WorkflowRuntime runtime, Attempts charge) = await FailedPaymentAsync(providerDown: false);
        await using (runtime)
        {
            DateTimeOffset resumedAt = clock.GetUtcNow();
            ResumedRunResult resumed = await engine.ResumeAsync(OnlyEntry(engine), new ResumeOverrides { Delay = TimeSpan.FromSeconds(10) });

            Assert.Equal(TimeSpan.FromSeconds(10), await clock.NextTimerAsync());
            clock.Advance(TimeSpan.FromSeconds(10) - TimeSpan.FromTicks(1));
            Assert.False(runtime.WaitForIdleAsync().IsCompleted);
            clock.Advance(TimeSpan.FromTicks(1));
            await runtime.WaitForIdleAsync();

            RunRecord run = (await engine.Store.GetRunAsync(resumed.WorkflowRunId))!;
            Assert.Equal(RunState.Success, run.State);
            Assert.Equal([resumedAt + TimeSpan.FromSeconds(10)], charge.Times.Skip(1));
            Assert.Equal(resumedAt + TimeSpan.FromSeconds(10), run.Steps.Single(step => step.StepName == "charge").CreatedAt);
            Assert.Equal(1, clock.TimerCount);
        }
    }

    [Fact]
    public async Task Upstash_Retry_Delay_spaces_the_attempts_by_its_expression_and_the_logs_show_the_step_waiting()
    {
        (TimerWatchingClock clock, DlqEngine engine, WorkflowRuntime runtime, Attempts charge) = await FailedPaymentAsync(providerDown: true);
        await using (runtime)
        {
            ResumedRunResult resumed = await engine.ResumeAsync(OnlyEntry(engine), new ResumeOverrides { Retries = 2, RetryDelay = "1000 * (1 + retried)" });

            Assert.Equal(TimeSpan.FromSeconds(1), await clock.NextTimerAsync());
            StepRecord waiting = (await engine.Store.GetRunAsync(resumed.WorkflowRunId))!.Steps[^1];
            clock.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(TimeSpan.FromSeconds(2), await clock.NextTimerAsync());
            clock.Advance(TimeSpan.FromSeconds(2));
            await runtime.WaitForIdleAsync();

            DateTimeOffset first = charge.Times[1];
            Assert.Equal([TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)], charge.Times.Skip(1).Select(time => time - first));
            Assert.Equal(("charge", StepState.Retry, first + TimeSpan.FromSeconds(1)), (waiting.StepName, waiting.State, waiting.Details!.NextDeliveryTime));
            DlqEntry again = Assert.Single((await engine.ListAsync(DlqSelection.All)).Entries);
            Assert.Equal([("init", StepState.Success), ("reserve", StepState.Success), ("charge", StepState.Failed)], again.Steps.Select(step => (step.StepName, step.State)));
            Assert.Equal("1000 * (1 + retried)", again.RetryDelay);
        }
    }

    [Fact]
    public async Task A_resumed_run_that_fails_again_is_dead_lettered_with_its_new_labels_and_failure_callback()
    {
        (_, DlqEngine engine, WorkflowRuntime runtime, _) = await FailedPaymentAsync(providerDown: true);
        await using (runtime)
        {
            ResumedRunResult resumed = await engine.ResumeAsync(
                OnlyEntry(engine), new ResumeOverrides { Labels = ["retry", "eu"], FailureCallback = "https://example.com/api/failed" });
            await runtime.WaitForIdleAsync();

            DlqEntry again = Assert.Single((await engine.ListAsync(DlqSelection.All)).Entries);
            Assert.Equal(resumed.WorkflowRunId, again.WorkflowRunId);
            Assert.Equal(["retry", "eu"], again.Labels);
            Assert.Equal("https://example.com/api/failed", again.FailureCallback);
            Assert.Single((await engine.ListAsync(new DlqSelection { Labels = ["retry"] })).Entries);
        }
    }

    [Fact]
    public async Task A_step_whose_type_changed_before_the_failure_fails_the_resumed_run_with_the_services_message()
    {
        var clock = new TimerWatchingClock(Seed.T0);
        var engine = new DlqEngine(new InMemoryDlqStore(), new DlqEngineOptions { TimeProvider = clock, IdGenerator = new SequentialIdGenerator() });
        bool sleeps = false;
        await using var runtime = new WorkflowRuntime(engine).Map(Payments, async context =>
        {
            if (sleeps)
            {
                await context.SleepAsync("reserve", TimeSpan.Zero);
            }
            else
            {
                await context.RunAsync("reserve", _ => Task.FromResult("reserved"));
            }

            await context.RunAsync("charge", _ => sleeps ? Task.FromResult("charged") : throw new TimeoutException("down"));
        });
        await runtime.TriggerAsync(Payments, options: new WorkflowTriggerOptions { Retries = 0 });
        await runtime.WaitForIdleAsync();
        sleeps = true;

        await engine.ResumeAsync(OnlyEntry(engine));
        await runtime.WaitForIdleAsync();

        DlqEntry again = Assert.Single((await engine.ListAsync(DlqSelection.All)).Entries);
        Assert.Equal((400, "Incompatible step type. Expected SleepFor, got Run"), (again.ResponseStatus, again.ResponseBody));
    }

    private static string OnlyEntry(DlqEngine engine) =>
        Assert.Single(engine.ListAsync(DlqSelection.All).AsTask().GetAwaiter().GetResult().Entries).DlqId;

    /// <summary>A payment workflow whose charge step failed once (no retries) and is in the DLQ; the charge step then fails while <paramref name="providerDown"/>.</summary>
    private static async Task<(TimerWatchingClock, DlqEngine, WorkflowRuntime, Attempts)> FailedPaymentAsync(bool providerDown)
    {
        var clock = new TimerWatchingClock(Seed.T0);
        var engine = new DlqEngine(new InMemoryDlqStore(), new DlqEngineOptions { TimeProvider = clock, IdGenerator = new SequentialIdGenerator() });
        var charge = new Attempts();
        bool down = true;
        var runtime = new WorkflowRuntime(engine).Map(Payments, async context =>
        {
            await context.RunAsync("reserve", _ => Task.FromResult("reserved"));
            await context.RunAsync("charge", _ =>
            {
                charge.Record(clock.GetUtcNow());
                return down ? throw new TimeoutException("provider down") : Task.FromResult("charged");
            });
        });
        await runtime.TriggerAsync(Payments, options: new WorkflowTriggerOptions { Retries = 0 });
        await runtime.WaitForIdleAsync();
        down = providerDown;
        return (clock, engine, runtime, charge);
    }

    /// <summary>When each attempt of a step started, on the engine's clock.</summary>
    private sealed class Attempts
    {
        private readonly List<DateTimeOffset> _times = [];

        public IReadOnlyList<DateTimeOffset> Times
        {
            get
            {
                lock (_times)
                {
                    return _times.ToArray();
                }
            }
        }

        public void Record(DateTimeOffset time)
        {
            lock (_times)
            {
                _times.Add(time);
            }
        }
    }
}
