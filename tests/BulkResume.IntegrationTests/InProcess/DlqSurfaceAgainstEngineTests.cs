using BulkResume.Engine;
using BulkResume.IntegrationTests.Support;
using EngineRun = BulkResume.Engine.RunRecord;

namespace BulkResume.IntegrationTests.InProcess;

/// <summary>Every DLQ operation of the client against the reference engine: the two sides of the wire agree.</summary>
public sealed class DlqSurfaceAgainstEngineTests
{
    private const string Orders = "https://shop.example.com/api/workflows/orders";
    private const string Billing = "https://shop.example.com/api/workflows/billing";
    private static readonly DateTimeOffset T0 = FailedRun.DefaultFailedAt;

    [Fact]
    public async Task List_then_bulk_resume_then_read_the_new_runs_steps()
    {
        using var harness = new EngineHarness();
        await harness.Engine.DeadLetterAsync(FailedRuns.Many(8, i => FailedRun.For(i < 5 ? Orders : Billing).FailedAt(T0.AddMinutes(i)).FailedAtStep(3, of: 4)));
        var filter = ResumeFilter.Create().ForWorkflowUrl(Orders);

        List<DlqMessage> preview = await Drain.AllAsync(harness.Client.Dlq.ListAsync(filter, pageSize: 2));
        List<ResumedRun> resumed = await Drain.AllAsync(harness.Client.Dlq.BulkResumeAsync(filter));
        BulkResume.WorkflowRun? run = await harness.Client.Runs.GetAsync(resumed[0].WorkflowRunId);

        Assert.Equal(5, preview.Count);
        Assert.All(preview, m => Assert.Equal(Orders, m.WorkflowUrl));
        Assert.Equal(5, resumed.Count);
        Assert.NotNull(run);
        Assert.Equal(WorkflowRunState.Started, run.State);
        Assert.NotEmpty(run.Steps);
        Assert.All(run.Steps, step => Assert.Equal(WorkflowStepState.Succeeded, step.State));
        Assert.Equal(3, await harness.DlqCountAsync());
    }

    [Fact]
    public async Task Every_field_of_an_entry_survives_the_round_trip()
    {
        using var harness = new EngineHarness();
        DlqEntry entry = FailedRun.For(Orders).FailedAt(T0).FailedAtStep(2, of: 3).WithResponseStatus(502, "bad gateway")
            .WithLabels("eu", "vip").WithFlowControlKey("tenant-a", parallelism: 2, rate: 10, period: TimeSpan.FromMinutes(1))
            .WithCallerIp("198.51.100.9").WithMaxRetries(4).WithBody("{\"order\":42}")
            .WithFailureCallback("https://shop.example.com/api/failed", BulkResume.Engine.CallbackState.Fail).Build();
        await harness.Engine.DeadLetterAsync(entry);

        DlqMessage? message = await harness.Client.Dlq.GetAsync(entry.DlqId);

        Assert.NotNull(message);
        Assert.Equal(entry.DlqId, message.DlqId);
        Assert.Equal(entry.WorkflowRunId, message.WorkflowRunId);
        Assert.Equal(entry.CreatedAt.ToUnixTimeMilliseconds(), message.CreatedAt.ToUnixTimeMilliseconds());
        Assert.Equal(entry.WorkflowCreatedAt.ToUnixTimeMilliseconds(), message.WorkflowCreatedAt.ToUnixTimeMilliseconds());
        Assert.Equal(["eu", "vip"], message.Labels);
        Assert.Equal("tenant-a", message.FlowControlKey);
        Assert.Equal(2, message.Parallelism);
        Assert.Equal(10, message.Rate);
        Assert.Equal(TimeSpan.FromMinutes(1), message.Period);
        Assert.Equal("198.51.100.9", message.CallerIp);
        Assert.Equal(4, message.MaxRetries);
        Assert.Equal("{\"order\":42}", message.Body);
        Assert.Equal(502, message.ResponseStatus);
        Assert.Equal("bad gateway", message.ResponseBody);
        Assert.Equal("https://shop.example.com/api/failed", message.FailureCallback);
        Assert.Equal(BulkResume.FailureCallbackState.Failed, message.FailureCallbackInfo?.State);
    }

    [Fact]
    public async Task Get_delete_and_resume_one_report_missing_entries_as_the_api_documents()
    {
        using var harness = new EngineHarness();
        DlqEntry entry = FailedRun.For(Orders).Build();
        await harness.Engine.DeadLetterAsync(entry);

        Assert.Null(await harness.Client.Dlq.GetAsync("1-missing"));
        Assert.False(await harness.Client.Dlq.DeleteAsync("1-missing"));
        var notFound = await Assert.ThrowsAsync<DlqEntriesNotFoundException>(() => harness.Client.Dlq.ResumeAsync("1-missing"));
        Assert.True(await harness.Client.Dlq.DeleteAsync(entry.DlqId));

        Assert.Equal(["1-missing"], notFound.DlqIds);
        Assert.Equal(0, await harness.DlqCountAsync());
    }

    [Fact]
    public async Task Resume_one_applies_overrides_and_restart_one_starts_over()
    {
        using var harness = new EngineHarness();
        DlqEntry first = FailedRun.For(Orders).FailedAtStep(3, of: 4).Build();
        DlqEntry second = FailedRun.For(Orders).FailedAtStep(3, of: 4).Build();
        await harness.Engine.DeadLetterAsync(first, second);

        ResumedRun resumed = await harness.Client.Dlq.ResumeAsync(first.DlqId, new ResumeOptions { Retries = 9, FlowControl = new FlowControl("k2", rate: 3) });
        ResumedRun restarted = await harness.Client.Dlq.RestartAsync(second.DlqId);

        List<EngineRun> runs = await harness.AllRunsAsync();
        EngineRun resumedRun = runs.Single(r => r.WorkflowRunId == resumed.WorkflowRunId);
        EngineRun restartedRun = runs.Single(r => r.WorkflowRunId == restarted.WorkflowRunId);
        Assert.Equal(9, resumedRun.Configuration.Retries);
        Assert.Equal("k2", resumedRun.Configuration.FlowControlKey);
        Assert.Equal(3, resumedRun.Configuration.Rate);
        Assert.NotEmpty(resumedRun.Steps);
        Assert.Equal(WorkflowRunOrigin.Restarted, restartedRun.Origin);
        Assert.Empty(restartedRun.Steps);
    }

    [Fact]
    public async Task Bulk_restart_and_bulk_delete_page_through_everything_they_select()
    {
        using var harness = new EngineHarness();
        await harness.Engine.DeadLetterAsync(FailedRuns.Many(130, i => FailedRun.For(i % 2 == 0 ? Orders : Billing).FailedAt(T0.AddSeconds(i))));

        List<ResumedRun> restarted = await Drain.AllAsync(harness.Client.Dlq.BulkRestartAsync(ResumeFilter.Create().ForWorkflowUrl(Orders), new ResumeOptions { PageSize = 20 }));
        long deleted = await harness.Client.Dlq.BulkDeleteAsync(ResumeFilter.All());

        Assert.Equal(65, restarted.Count);
        Assert.Equal(65, deleted);
        Assert.Equal(0, await harness.DlqCountAsync());
        Assert.Equal(65, (await harness.AllRunsAsync()).Count(r => r.Origin == WorkflowRunOrigin.Restarted));
    }

    [Fact]
    public async Task Bulk_delete_by_explicit_ids_is_all_or_nothing()
    {
        using var harness = new EngineHarness();
        IReadOnlyList<DlqEntry> seeded = FailedRuns.Many(3, Orders, T0);
        await harness.Engine.DeadLetterAsync(seeded);

        await Assert.ThrowsAsync<DlqEntriesNotFoundException>(() => harness.Client.Dlq.BulkDeleteAsync(ResumeFilter.ForDlqIds(seeded[0].DlqId, "1-missing")));
        long deleted = await harness.Client.Dlq.BulkDeleteAsync(ResumeFilter.ForDlqIds(seeded.Select(e => e.DlqId)));

        Assert.Equal(3, deleted);
    }

    [Fact]
    public async Task Retrying_a_failed_callback_moves_its_state_and_a_second_retry_is_refused()
    {
        using var harness = new EngineHarness();
        DlqEntry entry = FailedRun.For(Orders).WithFailureCallback("https://shop.example.com/api/failed", BulkResume.Engine.CallbackState.Fail).Build();
        await harness.Engine.DeadLetterAsync(entry);

        ResumedRun retried = await harness.Client.Dlq.RetryFailureCallbackAsync(entry.DlqId);
        var refused = await Assert.ThrowsAsync<WorkflowApiException>(() => harness.Client.Dlq.RetryFailureCallbackAsync(entry.DlqId));
        DlqMessage? after = await harness.Client.Dlq.GetAsync(entry.DlqId);

        Assert.Equal(entry.WorkflowRunId, retried.WorkflowRunId);
        Assert.Equal(400, refused.Status);
        Assert.Contains("CALLBACK_INPROGRESS", refused.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(BulkResume.FailureCallbackState.InProgress, after?.FailureCallbackInfo?.State);
    }

    [Fact]
    public async Task Run_logs_page_by_workflow_url()
    {
        // The logs match run ids exactly (no prefixes): the batch is told apart by its workflow URL.
        const string Batch = "https://shop.example.com/api/workflows/batch7";
        using var harness = new EngineHarness();
        await harness.Engine.DeadLetterAsync(FailedRuns.Many(25, i => FailedRun.For(Batch).WithRunId($"wfr_batch7_{i:D3}")));
        await harness.Engine.DeadLetterAsync(FailedRun.For(Orders).WithRunId("wfr_other").Build());

        List<BulkResume.WorkflowRun> runs = await Drain.AllAsync(harness.Client.Runs.ListAsync(RunFilter.Create().ForWorkflowUrl(Batch), pageSize: 10));

        Assert.Equal(25, runs.Count);
        Assert.All(runs, r => Assert.StartsWith("wfr_batch7_", r.WorkflowRunId, StringComparison.Ordinal));
        Assert.All(runs, r => Assert.Equal(WorkflowRunState.Failed, r.State));
    }
}
