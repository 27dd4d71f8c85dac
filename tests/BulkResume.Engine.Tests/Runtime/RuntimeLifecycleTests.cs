using BulkResume.Engine.Tests.Runtime.Support;

namespace BulkResume.Engine.Tests.Runtime;

/// <summary>Mapping, triggering and disposal: bad input is refused clearly and changes nothing; disposal detaches and cancels.</summary>
public sealed class RuntimeLifecycleTests
{
    private const string Slow = "https://example.com/api/slow";

    [Fact]
    public async Task Mapping_a_url_twice_is_refused()
    {
        await using var fixture = new RuntimeFixture();

        ArgumentException error = Assert.Throws<ArgumentException>(() => fixture.Runtime.Map(CheckoutWorkflow.Url, _ => Task.CompletedTask));

        Assert.Equal("workflowUrl", error.ParamName);
        Assert.Contains("map each URL once", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Triggering_an_unmapped_url_or_with_bad_options_is_refused_and_stores_nothing()
    {
        await using var fixture = new RuntimeFixture();

        ArgumentException unmapped = await Assert.ThrowsAsync<ArgumentException>(() => fixture.Runtime.TriggerAsync("https://example.com/api/nowhere"));
        ArgumentException retries = await Assert.ThrowsAsync<ArgumentException>(
            () => fixture.Runtime.TriggerAsync(CheckoutWorkflow.Url, options: new WorkflowTriggerOptions { Retries = -1 }));
        ArgumentException key = await Assert.ThrowsAsync<ArgumentException>(
            () => fixture.Runtime.TriggerAsync(CheckoutWorkflow.Url, options: new WorkflowTriggerOptions { FlowControlKey = " " }));

        Assert.Equal(("workflowUrl", "options", "options"), (unmapped.ParamName, retries.ParamName, key.ParamName));
        Assert.Contains("call Map with it first", unmapped.Message, StringComparison.Ordinal);
        Assert.Contains("options.Retries must be 0 or more; got -1.", retries.Message, StringComparison.Ordinal);
        Assert.Empty((await fixture.Fixture.Store.GetStatisticsAsync()).RunsByState);
    }

    [Fact]
    public async Task An_engine_has_one_runtime_at_a_time()
    {
        var fixture = new RuntimeFixture();

        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => new WorkflowRuntime(fixture.Engine));
        await fixture.DisposeAsync();
        await using var next = new WorkflowRuntime(fixture.Engine);

        Assert.Contains("already has a workflow runtime", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disposing_cancels_executing_runs_and_leaves_later_runs_started()
    {
        var fixture = new RuntimeFixture();
        var sleeping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        fixture.Runtime.Map(Slow, async context =>
        {
            sleeping.SetResult();
            await context.SleepAsync("forever", TimeSpan.FromDays(365));
        });
        await fixture.CheckoutAsync(1);
        string slowRun = await fixture.Runtime.TriggerAsync(Slow);
        await sleeping.Task;

        await fixture.DisposeAsync();
        fixture.Checkout.ProviderDown = false;
        ResumedRunResult resumed = await fixture.Engine.ResumeAsync((await fixture.DlqAsync())[0].DlqId);

        RunRecord canceled = await fixture.RunAsync(slowRun);
        Assert.Equal((RunState.Canceled, fixture.Fixture.Clock.GetUtcNow()), (canceled.State, canceled.CompletedAt));
        Assert.Equal(RunState.Started, (await fixture.RunAsync(resumed.WorkflowRunId)).State);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => fixture.Runtime.TriggerAsync(Slow));
    }

    [Fact]
    public async Task Steps_called_without_awaiting_the_previous_one_fail_the_run()
    {
        await using var fixture = new RuntimeFixture();
        var release = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        fixture.Runtime.Map(Slow, async context =>
        {
            Task<string> first = context.RunAsync("first", _ => release.Task);
            try
            {
                await context.RunAsync("second", _ => Task.FromResult("too early"));
            }
            finally
            {
                release.SetResult("released");
                await first;
            }
        });

        await fixture.Runtime.TriggerAsync(Slow);
        await fixture.Runtime.WaitForIdleAsync();

        DlqEntry entry = Assert.Single(await fixture.DlqAsync());
        Assert.StartsWith("The workflow failed outside its steps: InvalidOperationException: Step second started while another step", entry.ResponseBody, StringComparison.Ordinal);
        Assert.Equal(["init", "first"], entry.Steps.Select(step => step.StepName));
    }
}
