using BulkResume.Engine.Tests.Runtime.Support;

namespace BulkResume.Engine.Tests.Runtime;

/// <summary>The workflow's code changed between the failure and the resume: before the failed step it can't, after it can.</summary>
public sealed class CodeChangeTests
{
    [Fact]
    public async Task A_renamed_step_before_the_failure_fails_the_resumed_run_with_the_services_message_and_dead_letters_it()
    {
        await using var fixture = new RuntimeFixture();
        await fixture.CheckoutAsync(1);
        fixture.Checkout.ProviderDown = false;
        fixture.Checkout.InvoiceStepName = "issue-invoice";

        ResumedRunResult resumed = await fixture.Engine.ResumeAsync((await fixture.DlqAsync())[0].DlqId);
        await fixture.Runtime.WaitForIdleAsync();

        DlqEntry entry = Assert.Single(await fixture.DlqAsync());
        Assert.Equal(
            (resumed.WorkflowRunId, 400, "Incompatible step name. Expected issue-invoice, got create-invoice"),
            (entry.WorkflowRunId, entry.ResponseStatus, entry.ResponseBody));
        Assert.Equal(["init", "reserve-stock", "create-invoice"], entry.Steps.Select(step => step.StepName));
        Assert.Equal(RunState.Failed, (await fixture.RunAsync(resumed.WorkflowRunId)).State);
        Assert.Equal((1, 0, 1, 0), (fixture.Checkout.Calls("reserve-stock"), fixture.Checkout.Calls("issue-invoice"), fixture.Checkout.Calls("charge-card"), fixture.Checkout.Calls("send-receipt")));
    }

    [Fact]
    public async Task After_the_code_is_fixed_the_entry_dead_lettered_again_resumes()
    {
        await using var fixture = new RuntimeFixture();
        await fixture.CheckoutAsync(1);
        fixture.Checkout.ProviderDown = false;
        fixture.Checkout.InvoiceStepName = "issue-invoice";
        await fixture.Engine.BulkResumeAsync(DlqSelection.All);
        await fixture.Runtime.WaitForIdleAsync();
        fixture.Checkout.InvoiceStepName = "create-invoice";

        BulkResumeResult second = await fixture.Engine.BulkResumeAsync(DlqSelection.All);
        await fixture.Runtime.WaitForIdleAsync();

        RunRecord run = await fixture.RunAsync(Assert.Single(second.ResumedRuns).WorkflowRunId);
        Assert.Equal(RunState.Success, run.State);
        Assert.Equal(CheckoutWorkflow.StepNames.Prepend("init"), run.Steps.Select(step => step.StepName));
        Assert.Equal((1, 1, 2, 1), fixture.Checkout.StepCalls());
        Assert.Empty(await fixture.DlqAsync());
    }

    [Fact]
    public async Task A_step_added_after_the_failure_runs_in_the_resumed_run()
    {
        await using var fixture = new RuntimeFixture();
        await fixture.CheckoutAsync(2);
        fixture.Checkout.ProviderDown = false;
        fixture.Checkout.NotifiesWarehouse = true;

        BulkResumeResult result = await fixture.Engine.BulkResumeAsync(DlqSelection.All);
        await fixture.Runtime.WaitForIdleAsync();

        Assert.Equal((2, 2), (fixture.Checkout.Calls("reserve-stock"), fixture.Checkout.Calls("notify-warehouse")));
        foreach (ResumedRunResult resumed in result.ResumedRuns)
        {
            RunRecord run = await fixture.RunAsync(resumed.WorkflowRunId);
            Assert.Equal(RunState.Success, run.State);
            Assert.Equal("notify-warehouse", run.Steps[^1].StepName);
        }
    }
}
