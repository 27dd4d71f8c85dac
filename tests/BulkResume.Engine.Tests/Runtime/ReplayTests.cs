using BulkResume.Engine.Tests.Runtime.Support;

namespace BulkResume.Engine.Tests.Runtime;

/// <summary>Fail, then resume or restart: which steps ran again, proven by counting their invocations.</summary>
public sealed class ReplayTests
{
    [Fact]
    public async Task A_failing_step_dead_letters_the_run_with_its_completed_steps_and_the_failed_one()
    {
        await using var fixture = new RuntimeFixture();
        string runId = (await fixture.CheckoutAsync(1))[0];

        DlqEntry entry = Assert.Single(await fixture.DlqAsync());
        RunRecord run = await fixture.RunAsync(runId);
        Assert.Equal((RunState.Failed, fixture.Fixture.Clock.GetUtcNow(), entry.DlqId), (run.State, run.CompletedAt, run.DlqId));
        Assert.Equal(
            [("init", StepType.Initial, StepState.Success, "order-0"),
             ("reserve-stock", StepType.Run, StepState.Success, "\"reserved:order-0\""),
             ("create-invoice", StepType.Run, StepState.Success, "\"invoice:reserved:order-0\""),
             ("charge-card", StepType.Run, StepState.Failed, null)],
            entry.Steps.Select(step => (step.StepName, step.StepType, step.State, step.Out)));
        Assert.Equal([0L, 1, 2, 3], entry.Steps.Select(step => step.StepId));
        Assert.Equal(
            (runId, CheckoutWorkflow.Url, "order-0", 500, fixture.Fixture.Clock.GetUtcNow()),
            (entry.WorkflowRunId, entry.WorkflowUrl, entry.Body, entry.ResponseStatus, entry.CreatedAt));
        Assert.Equal("Step charge-card failed after 1 attempt(s): HttpRequestException: payment provider unavailable", entry.ResponseBody);
        Assert.Equal(0, fixture.Checkout.Calls("send-receipt"));
    }

    [Fact]
    public async Task Bulk_resume_replays_the_steps_before_the_failure_and_runs_the_rest()
    {
        await using var fixture = new RuntimeFixture();
        List<string> failedRunIds = await fixture.CheckoutAsync(5);
        Dictionary<string, RunRecord> originals = [];
        foreach (string runId in failedRunIds)
        {
            RunRecord original = await fixture.RunAsync(runId);
            originals.Add(original.DlqId!, original);
        }

        fixture.Fixture.Clock.Advance(TimeSpan.FromHours(1));
        fixture.Checkout.ProviderDown = false;

        BulkResumeResult result = await fixture.Engine.BulkResumeAsync(DlqSelection.All);
        await fixture.Runtime.WaitForIdleAsync();

        Assert.Equal((5, 5, 5 + 5, 5), fixture.Checkout.StepCalls());
        Assert.Empty(await fixture.DlqAsync());
        Assert.Equal(5, result.ResumedRuns.Count);
        foreach (ResumedRunResult resumed in result.ResumedRuns)
        {
            RunRecord run = await fixture.RunAsync(resumed.WorkflowRunId);
            RunRecord original = originals[resumed.SourceDlqId];
            Assert.Equal((RunState.Success, fixture.Fixture.Clock.GetUtcNow()), (run.State, run.CompletedAt));
            Assert.Equal(CheckoutWorkflow.StepNames.Prepend("init"), run.Steps.Select(step => step.StepName));
            Assert.Equal(original.Steps.Take(3), run.Steps.Take(3));
            Assert.All(run.Steps.Skip(3), step => Assert.Equal((StepState.Success, fixture.Fixture.Clock.GetUtcNow()), (step.State, step.CreatedAt)));
            Assert.Equal($"\"receipt:charged:invoice:reserved:{original.Steps[0].Out}\"", run.Steps[4].Out);
        }
    }

    [Fact]
    public async Task Resume_of_one_entry_executes_its_run_too()
    {
        await using var fixture = new RuntimeFixture();
        await fixture.CheckoutAsync(2);
        fixture.Checkout.ProviderDown = false;
        DlqEntry first = (await fixture.DlqAsync())[0];

        ResumedRunResult resumed = await fixture.Engine.ResumeAsync(first.DlqId);
        await fixture.Runtime.WaitForIdleAsync();

        Assert.Equal(RunState.Success, (await fixture.RunAsync(resumed.WorkflowRunId)).State);
        Assert.Equal((2, 2, 3, 1), fixture.Checkout.StepCalls());
        Assert.Single(await fixture.DlqAsync());
    }

    [Fact]
    public async Task Restart_runs_every_step_again()
    {
        await using var fixture = new RuntimeFixture();
        await fixture.CheckoutAsync(3);
        fixture.Checkout.ProviderDown = false;

        BulkResumeResult result = await fixture.Engine.BulkRestartAsync(DlqSelection.All);
        await fixture.Runtime.WaitForIdleAsync();

        Assert.Equal((6, 6, 6, 3), fixture.Checkout.StepCalls());
        foreach (ResumedRunResult restarted in result.ResumedRuns)
        {
            RunRecord run = await fixture.RunAsync(restarted.WorkflowRunId);
            Assert.Equal((RunState.Success, WorkflowRunOrigin.Restarted), (run.State, run.Origin));
            Assert.Equal(CheckoutWorkflow.StepNames.Prepend("init"), run.Steps.Select(step => step.StepName));
        }
    }

    [Fact]
    public async Task A_run_resumed_from_a_seeded_entry_replays_its_recorded_outputs()
    {
        await using var fixture = new RuntimeFixture();
        var seen = new List<string>();
        const string Seeded = "https://example.com/api/seeded";
        fixture.Runtime.Map(Seeded, async context =>
        {
            foreach (string name in new[] { "step-1", "step-2", "step-3" })
            {
                seen.Add(await context.RunAsync(name, _ => Task.FromResult("ran-" + name)));
            }
        });
        await fixture.Engine.DeadLetterAsync(FailedRun.For(Seeded).WithDlqId("seeded").FailedAtStep(3, of: 3).Build());

        await fixture.Engine.ResumeAsync("seeded");
        await fixture.Runtime.WaitForIdleAsync();

        Assert.Equal(["result-1", "result-2", "ran-step-3"], seen);
    }

    [Fact]
    public async Task Runs_of_unmapped_workflows_stay_started()
    {
        await using var fixture = new RuntimeFixture();
        await fixture.Engine.DeadLetterAsync(FailedRun.For("https://example.com/api/unmapped").WithDlqId("unmapped").FailedAtStep(2, of: 3).Build());

        ResumedRunResult resumed = await fixture.Engine.ResumeAsync("unmapped");
        await fixture.Runtime.WaitForIdleAsync();

        RunRecord run = await fixture.RunAsync(resumed.WorkflowRunId);
        Assert.Equal((RunState.Started, 2), (run.State, run.Steps.Count));
    }
}
