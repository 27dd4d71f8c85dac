using BulkResume.Engine.Tests.Runtime.Support;

namespace BulkResume.Engine.Tests.Runtime;

/// <summary>Many runs at once: every one completes and every step ran exactly as often as the replay rules say.</summary>
public sealed class ConcurrencyTests
{
    [Fact]
    public async Task Two_hundred_runs_resumed_in_bulk_all_complete_and_each_step_count_matches()
    {
        const int Runs = 200;
        await using var fixture = new RuntimeFixture();
        await fixture.CheckoutAsync(Runs);
        Assert.Equal(Runs, await fixture.Fixture.DlqCountAsync());
        fixture.Checkout.ProviderDown = false;

        var resumed = new List<ResumedRunResult>();
        string? cursor = null;
        do
        {
            BulkResumeResult page = await fixture.Engine.BulkResumeAsync(DlqSelection.All, cursor);
            resumed.AddRange(page.ResumedRuns);
            cursor = page.Cursor;
        }
        while (cursor is not null);

        await fixture.Runtime.WaitForIdleAsync();

        Assert.Equal(Runs, resumed.Count);
        Assert.Equal(
            (Runs, Runs, Runs * 2, Runs),
            fixture.Checkout.StepCalls());
        foreach (ResumedRunResult run in resumed)
        {
            RunRecord stored = await fixture.RunAsync(run.WorkflowRunId);
            Assert.Equal((RunState.Success, 5), (stored.State, stored.Steps.Count));
        }

        Assert.Empty(await fixture.DlqAsync());
    }
}
