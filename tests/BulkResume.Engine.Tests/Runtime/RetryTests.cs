using BulkResume.Engine.Tests.Runtime.Support;

namespace BulkResume.Engine.Tests.Runtime;

/// <summary>A throwing step is retried as often as the run's configuration says, and recorded once.</summary>
public sealed class RetryTests
{
    private const string Flaky = "https://example.com/api/flaky";

    [Theory]
    [InlineData(0, 1)]
    [InlineData(2, 3)]
    public async Task A_step_that_always_throws_is_attempted_once_plus_the_retries(int retries, int expectedAttempts)
    {
        await using var fixture = new RuntimeFixture();
        int attempts = 0;
        fixture.Runtime.Map(Flaky, async context => await context.RunAsync("flaky", _ =>
        {
            Interlocked.Increment(ref attempts);
            return Task.FromException<string>(new TimeoutException("upstream timed out"));
        }));

        string runId = await fixture.Runtime.TriggerAsync(Flaky, options: new WorkflowTriggerOptions { Retries = retries });
        await fixture.Runtime.WaitForIdleAsync();

        Assert.Equal(expectedAttempts, attempts);
        DlqEntry entry = Assert.Single(await fixture.DlqAsync());
        Assert.Equal((runId, retries), (entry.WorkflowRunId, entry.MaxRetries));
        Assert.Equal($"Step flaky failed after {expectedAttempts} attempt(s): TimeoutException: upstream timed out", entry.ResponseBody);
        Assert.Equal(RunState.Failed, (await fixture.RunAsync(runId)).State);
    }

    [Fact]
    public async Task A_step_that_succeeds_within_its_retries_is_recorded_once_as_successful()
    {
        await using var fixture = new RuntimeFixture();
        int attempts = 0;
        fixture.Runtime.Map(Flaky, async context => await context.RunAsync("flaky", _ =>
            Interlocked.Increment(ref attempts) < 3 ? throw new TimeoutException("not yet") : Task.FromResult("done")));

        string runId = await fixture.Runtime.TriggerAsync(Flaky, options: new WorkflowTriggerOptions { Retries = 2 });
        await fixture.Runtime.WaitForIdleAsync();

        RunRecord run = await fixture.RunAsync(runId);
        Assert.Equal((3, RunState.Success), (attempts, run.State));
        Assert.Equal([("init", StepState.Success), ("flaky", StepState.Success)], run.Steps.Select(step => (step.StepName, step.State)));
        Assert.Empty(await fixture.DlqAsync());
    }

    [Fact]
    public async Task The_retries_override_of_a_resume_applies_to_the_resumed_steps()
    {
        await using var fixture = new RuntimeFixture();
        await fixture.CheckoutAsync(1, retries: 0);
        Assert.Equal(1, fixture.Checkout.Calls("charge-card"));

        await fixture.Engine.BulkResumeAsync(DlqSelection.All, overrides: new ResumeOverrides { Retries = 4 });
        await fixture.Runtime.WaitForIdleAsync();

        Assert.Equal(1 + 5, fixture.Checkout.Calls("charge-card"));
        Assert.Equal(4, Assert.Single(await fixture.DlqAsync()).MaxRetries);
    }

    [Fact]
    public async Task Each_step_keeps_the_retries_it_ran_with_through_resumes_with_other_retries()
    {
        await using var fixture = new RuntimeFixture();
        await fixture.CheckoutAsync(1, retries: 0);
        await fixture.Engine.BulkResumeAsync(DlqSelection.All, overrides: new ResumeOverrides { Retries = 4 });
        await fixture.Runtime.WaitForIdleAsync();
        fixture.Checkout.ProviderDown = false;

        BulkResumeResult last = await fixture.Engine.BulkResumeAsync(DlqSelection.All, overrides: new ResumeOverrides { Retries = 1 });
        await fixture.Runtime.WaitForIdleAsync();

        RunRecord run = await fixture.RunAsync(Assert.Single(last.ResumedRuns).WorkflowRunId);
        Assert.Equal(RunState.Success, run.State);
        Assert.Equal(
            [("init", null), ("reserve-stock", 0), ("create-invoice", 0), ("charge-card", 1), ("send-receipt", 1)],
            run.Steps.Select(step => (step.StepName, step.Retries)));
    }
}
