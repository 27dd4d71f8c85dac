using System.Collections.Concurrent;
using BulkResume.Engine;
using BulkResume.IntegrationTests.Support;
using EngineRun = BulkResume.Engine.RunRecord;

namespace BulkResume.IntegrationTests.Runtime;

/// <summary>
/// WorkflowClient against the engine with its workflow runtime: runs that really failed, resumed in bulk through the
/// client, and read back through the client. Counters prove which steps ran again.
/// </summary>
public sealed class StepReplayThroughClientTests
{
    private const string Checkout = "https://shop.example.com/api/workflows/checkout";

    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);
    private volatile bool _paymentsDown = true;
    private volatile string _secondStep = "reserve-stock";

    [Fact]
    public async Task A_bulk_resume_keeps_the_first_two_steps_and_runs_the_third_again()
    {
        using var harness = new EngineHarness();
        await using WorkflowRuntime runtime = new WorkflowRuntime(harness.Engine).Map(Checkout, CheckoutAsync);
        string[] failedRunIds = await FailThreeCheckoutsAsync(runtime);
        List<DlqMessage> dead = await Drain.AllAsync(harness.Client.Dlq.ListAsync(ResumeFilter.Create().ForWorkflowUrl(Checkout)));
        Assert.Equal(failedRunIds.Order(), dead.Select(message => message.WorkflowRunId).Order());
        Assert.All(dead, message => Assert.Equal(500, message.ResponseStatus));

        _paymentsDown = false;
        List<ResumedRun> resumed = await Drain.AllAsync(harness.Client.Dlq.BulkResumeAsync(ResumeFilter.Create().ForWorkflowUrl(Checkout)));
        await runtime.WaitForIdleAsync();

        Assert.Equal((3, 3, 3 + 3, 3), (Calls("validate-order"), Calls("reserve-stock"), Calls("charge-card"), Calls("send-receipt")));
        Assert.Equal(3, resumed.Count);
        foreach (ResumedRun run in resumed)
        {
            WorkflowRun now = (await harness.Client.Runs.GetAsync(run.WorkflowRunId))!;
            EngineRun source = (await harness.Server.Store.GetRunAsync(run.WorkflowRunId))!;
            string originalId = dead.Single(message => message.DlqId == source.SourceDlqId).WorkflowRunId;
            WorkflowRun original = (await harness.Client.Runs.GetAsync(originalId))!;
            Assert.Equal(WorkflowRunState.Succeeded, now.State);
            Assert.Equal(["init", "validate-order", "reserve-stock", "charge-card", "send-receipt"], now.Steps.Select(step => step.StepName));
            Assert.All(now.Steps, step => Assert.Equal(WorkflowStepState.Succeeded, step.State));
            Assert.Equal(
                original.Steps.Take(3).Select(step => (step.StepName, step.Output, step.CreatedAt)),
                now.Steps.Take(3).Select(step => (step.StepName, step.Output, step.CreatedAt)));
            Assert.Equal((WorkflowStepState.Failed, null), (original.Steps[3].State, original.Steps[3].Output));
        }

        Assert.Empty(await Drain.AllAsync(harness.Client.Dlq.ListAsync(ResumeFilter.All())));
    }

    [Fact]
    public async Task A_step_renamed_before_the_failure_comes_back_to_the_dlq_with_the_services_message()
    {
        using var harness = new EngineHarness();
        await using WorkflowRuntime runtime = new WorkflowRuntime(harness.Engine).Map(Checkout, CheckoutAsync);
        await FailThreeCheckoutsAsync(runtime);
        _paymentsDown = false;
        _secondStep = "hold-stock";

        List<ResumedRun> resumed = await Drain.AllAsync(harness.Client.Dlq.BulkResumeAsync(ResumeFilter.All()));
        await runtime.WaitForIdleAsync();

        List<DlqMessage> back = await Drain.AllAsync(harness.Client.Dlq.ListAsync(ResumeFilter.All()));
        Assert.Equal(resumed.Select(run => run.WorkflowRunId).Order(), back.Select(message => message.WorkflowRunId).Order());
        Assert.All(back, message => Assert.Equal(
            (400, "Incompatible step name. Expected hold-stock, got reserve-stock"),
            (message.ResponseStatus, message.ResponseBody)));
        Assert.Equal((0, 3), (Calls("hold-stock"), Calls("charge-card")));
    }

    private static async Task<string[]> FailThreeCheckoutsAsync(WorkflowRuntime runtime)
    {
        var runIds = new string[3];
        for (int i = 0; i < runIds.Length; i++)
        {
            runIds[i] = await runtime.TriggerAsync(Checkout, $$"""{"order":{{i}}}""", new WorkflowTriggerOptions { Retries = 0 });
        }

        await runtime.WaitForIdleAsync();
        return runIds;
    }

    private int Calls(string stepName) => _calls.GetValueOrDefault(stepName);

    private async Task CheckoutAsync(WorkflowContext context)
    {
        string order = await context.RunAsync("validate-order", _ => Count("validate-order", "valid:" + context.Payload));
        string reservation = await context.RunAsync(_secondStep, _ => Count(_secondStep, "reserved:" + order));
        string charge = await context.RunAsync("charge-card", _ =>
        {
            Task<string> counted = Count("charge-card", "charged:" + reservation);
            return _paymentsDown ? throw new HttpRequestException("payment provider unavailable") : counted;
        });
        await context.RunAsync("send-receipt", _ => Count("send-receipt", "receipt:" + charge));
    }

    private Task<string> Count(string stepName, string output)
    {
        _calls.AddOrUpdate(stepName, 1, static (_, calls) => calls + 1);
        return Task.FromResult(output);
    }
}
