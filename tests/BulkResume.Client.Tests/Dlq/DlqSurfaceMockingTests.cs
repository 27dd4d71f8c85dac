namespace BulkResume.Client.Tests.Dlq;

/// <summary>Users mock the rest of the DLQ surface and the run logs with models from <see cref="DlqModelFactory"/>.</summary>
public sealed class DlqSurfaceMockingTests
{
    private static readonly DateTimeOffset Failed = DateTimeOffset.FromUnixTimeMilliseconds(1752829295505);

    private sealed class FakeDlq : DlqClient
    {
        public List<string> Deleted { get; } = [];

        public override AsyncPageable<DlqMessage> ListAsync(ResumeFilter filter, int? pageSize = null, CancellationToken cancellationToken = default) =>
            AsyncPageable<DlqMessage>.FromPages(
            [
                Page<DlqMessage>.FromValues([Message("d1", ["billing"])], "next"),
                Page<DlqMessage>.FromValues([Message("d2", [])], null),
            ]);

        public override Task<DlqMessage?> GetAsync(string dlqId, CancellationToken cancellationToken = default) =>
            Task.FromResult<DlqMessage?>(dlqId == "d1" ? Message("d1", ["billing"]) : null);

        public override Task<bool> DeleteAsync(string dlqId, CancellationToken cancellationToken = default)
        {
            Deleted.Add(dlqId);
            return Task.FromResult(true);
        }

        public override Task<ResumedRun> ResumeAsync(string dlqId, ResumeOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(DlqModelFactory.ResumedRun("wfr_resumed_" + dlqId, Failed));

        private static DlqMessage Message(string dlqId, string[] labels) => DlqModelFactory.DlqMessage(
            dlqId,
            workflowRunId: "wfr_" + dlqId,
            createdAt: Failed,
            labels: labels,
            header: new Dictionary<string, IReadOnlyList<string>> { ["Content-Type"] = ["application/json"] },
            bodyBase64: Convert.ToBase64String([1, 2, 3]),
            period: TimeSpan.FromSeconds(60),
            failureCallbackInfo: DlqModelFactory.FailureCallbackInfo(FailureCallbackState.Failed, responseStatus: 500));
    }

    private sealed class FakeRuns : RunsClient
    {
        public override Task<WorkflowRun?> GetAsync(string workflowRunId, DateTimeOffset? createdAt = null, CancellationToken cancellationToken = default) =>
            Task.FromResult<WorkflowRun?>(DlqModelFactory.WorkflowRun(
                workflowRunId,
                WorkflowRunState.Succeeded,
                [
                    DlqModelFactory.WorkflowStep(1, "init", WorkflowStepType.Initial, WorkflowStepState.Succeeded, output: "{}"),
                    DlqModelFactory.WorkflowStep(2, "charge", WorkflowStepType.Run, WorkflowStepState.Succeeded, concurrent: 2),
                ],
                completedAt: Failed));
    }

    private sealed class FakeClient(DlqClient dlq, RunsClient runs) : WorkflowClient
    {
        public override DlqClient Dlq => dlq;

        public override RunsClient Runs => runs;
    }

    /// <summary>Code under test: resume every billing entry of a listing, then count the steps the new runs kept.</summary>
    private static async Task<int> ResumeBillingAndCountKeptStepsAsync(WorkflowClient client)
    {
        var kept = 0;
        await foreach (var message in client.Dlq.ListAsync(ResumeFilter.Create()))
        {
            if (message.Labels.Contains("billing"))
            {
                var run = await client.Dlq.ResumeAsync(message.DlqId);
                var logs = await client.Runs.GetAsync(run.WorkflowRunId);
                kept += logs?.Steps.Count(step => step.State == WorkflowStepState.Succeeded) ?? 0;
            }
        }

        return kept;
    }

    [Fact]
    public async Task Code_that_lists_resumes_and_reads_runs_can_be_tested_against_mocks()
    {
        var client = new FakeClient(new FakeDlq(), new FakeRuns());

        Assert.Equal(2, await ResumeBillingAndCountKeptStepsAsync(client));
    }

    [Fact]
    public async Task Factory_models_carry_what_they_were_given()
    {
        var dlq = new FakeDlq();

        var message = await dlq.GetAsync("d1");

        Assert.NotNull(message);
        Assert.Equal("wfr_d1", message.WorkflowRunId);
        Assert.Equal(Failed, message.CreatedAt);
        Assert.Equal(["application/json"], message.Header["content-type"]);
        Assert.Equal([1, 2, 3], message.GetBodyBytes());
        Assert.Null(message.Body);
        Assert.Equal(TimeSpan.FromMinutes(1), message.Period);
        Assert.Equal(FailureCallbackState.Failed, message.FailureCallbackInfo?.State);
        Assert.Equal(FailureCallbackState.Failed, message.FailureCallbackState);
        Assert.Equal(500, message.FailureCallbackInfo?.ResponseStatus);
        Assert.Empty(message.FailureCallbackInfo!.ResponseHeaders);
        Assert.Null(await dlq.GetAsync("other"));
        Assert.True(await dlq.DeleteAsync("d1"));
        Assert.Equal(["d1"], dlq.Deleted);
    }

    [Fact]
    public void A_factory_message_takes_its_callback_state_as_given_or_from_the_callback_info()
    {
        var given = DlqModelFactory.DlqMessage("d1", failureCallbackState: FailureCallbackState.InProgress, failureCallbackInfo: DlqModelFactory.FailureCallbackInfo(FailureCallbackState.Failed));
        var fromInfo = DlqModelFactory.DlqMessage("d2", failureCallbackInfo: DlqModelFactory.FailureCallbackInfo(FailureCallbackState.Canceled));

        Assert.Equal(FailureCallbackState.InProgress, given.FailureCallbackState);
        Assert.Equal(FailureCallbackState.Canceled, fromInfo.FailureCallbackState);
        Assert.Null(DlqModelFactory.DlqMessage("d3").FailureCallbackState);
    }

    [Fact]
    public void A_factory_run_carries_its_groups_flattened_and_every_field()
    {
        var init = DlqModelFactory.WorkflowStep(null, "init", WorkflowStepType.Initial, WorkflowStepState.Succeeded);
        var a = DlqModelFactory.WorkflowStep(1, "a", WorkflowStepType.Call, WorkflowStepState.Succeeded, concurrent: 2, callUrl: "https://pay.example.com", callHeaders: new Dictionary<string, IReadOnlyList<string>> { ["X-A"] = ["1"] }, retries: 3, waitTimedOut: false);
        var b = DlqModelFactory.WorkflowStep(2, "b", WorkflowStepType.Run, WorkflowStepState.Failed, concurrent: 2, nextDeliveryTime: Failed, invokedWorkflowRunId: "wfr_child");

        var run = DlqModelFactory.WorkflowRun(
            "wfr_1",
            WorkflowRunState.Failed,
            stepGroups: [DlqModelFactory.WorkflowStepGroup(WorkflowStepGroupKind.Sequential, [init]), DlqModelFactory.WorkflowStepGroup(WorkflowStepGroupKind.Parallel, [a, b])],
            labels: ["eu", "vip", "eu"],
            callerIp: "203.0.113.7",
            response: "r",
            invoker: DlqModelFactory.WorkflowInvoker("wfr_parent", "https://app.example.com/p", Failed),
            failureFunction: DlqModelFactory.FailureFunctionInfo(FailureCallbackState.Failed, url: "https://app.example.com/failed", failStatus: 500, maxRetries: 2),
            flowControlKey: "tenant-a");

        Assert.Equal([WorkflowStepGroupKind.Sequential, WorkflowStepGroupKind.Parallel], run.StepGroups.Select(g => g.Kind));
        Assert.Equal([init, a, b], run.Steps);
        Assert.Equal(["eu", "vip"], run.Labels);
        Assert.Equal(("203.0.113.7", "r", "tenant-a"), (run.CallerIp, run.Response, run.FlowControlKey));
        Assert.Equal(("wfr_parent", Failed), (run.Invoker?.WorkflowRunId, run.Invoker!.CreatedAt));
        Assert.Equal((FailureCallbackState.Failed, "https://app.example.com/failed", 500, 2), (run.FailureFunction?.State, run.FailureFunction?.Url, run.FailureFunction?.FailStatus, run.FailureFunction?.MaxRetries));
        Assert.Empty(run.FailureFunction!.ResponseHeaders);
        Assert.Null(init.StepId);
        Assert.Equal(["1"], a.CallHeaders["x-a"]);
        Assert.Equal((3, false, "https://pay.example.com"), (a.Retries, a.WaitTimedOut, a.CallUrl));
        Assert.Equal((Failed, "wfr_child"), (b.NextDeliveryTime, b.InvokedWorkflowRunId));
    }

    [Fact]
    public void A_factory_run_of_plain_steps_puts_each_in_a_sequential_group_and_refuses_both_forms()
    {
        var steps = new[] { DlqModelFactory.WorkflowStep(1, "a", WorkflowStepType.Run, WorkflowStepState.Succeeded), DlqModelFactory.WorkflowStep(2, "b", WorkflowStepType.Run, WorkflowStepState.Succeeded) };

        var run = DlqModelFactory.WorkflowRun("wfr_1", WorkflowRunState.Succeeded, steps);

        Assert.Equal(steps, run.Steps);
        Assert.All(run.StepGroups, group => Assert.Equal(WorkflowStepGroupKind.Sequential, group.Kind));
        Assert.Equal(2, run.StepGroups.Count);
        var error = Assert.Throws<ArgumentException>(() => DlqModelFactory.WorkflowRun("wfr_1", null, steps, stepGroups: []));
        Assert.Equal("stepGroups", error.ParamName);
    }

    [Fact]
    public async Task Members_not_overridden_on_a_mock_say_to_override_them()
    {
        var runs = new EmptyRuns();

        var error = Assert.Throws<InvalidOperationException>(() => runs.ListAsync(RunFilter.Create()));
        Assert.Contains("override", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidOperationException>(() => new EmptyDlq().BulkDeleteAsync(ResumeFilter.All()));
    }

    [Fact]
    public async Task Code_that_cancels_runs_can_be_tested_against_a_mock_and_the_factory_result_carries_its_count()
    {
        var runs = new CancelingRuns();

        var result = await runs.BulkCancelAsync(RunCancelFilter.Create().WithLabel("eu"));

        Assert.Equal((3L, true), (result.CanceledCount, result.MayHaveCanceledMore));
        Assert.Equal("3 canceled (maybe more: an answer was lost)", result.ToString());
        Assert.Equal("0 canceled", DlqModelFactory.BulkCancelResult(0).ToString());
        Assert.Equal("canceledCount", Assert.Throws<ArgumentOutOfRangeException>(() => DlqModelFactory.BulkCancelResult(-1)).ParamName);
        await Assert.ThrowsAsync<InvalidOperationException>(() => new EmptyRuns().CancelAsync(["wfr_a"]));
    }

    private sealed class CancelingRuns : RunsClient
    {
        public override Task<BulkCancelResult> BulkCancelAsync(RunCancelFilter filter, CancellationToken cancellationToken = default) =>
            Task.FromResult(DlqModelFactory.BulkCancelResult(3, mayHaveCanceledMore: true));
    }

    private sealed class EmptyRuns : RunsClient
    {
    }

    private sealed class EmptyDlq : DlqClient
    {
    }
}
