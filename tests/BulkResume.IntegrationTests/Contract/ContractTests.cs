using BulkResume.Emulator;
using BulkResume.Engine;
using BulkResume.IntegrationTests.Support;
using EngineCallbackState = BulkResume.Engine.CallbackState;
using EngineEntry = BulkResume.Engine.DlqEntry;

namespace BulkResume.IntegrationTests.Contract;

/// <summary>
/// Every operation of the contract from the client against the engine, in process and over loopback, with each override
/// and filter seen in what the client reads back and in what the engine holds.
/// </summary>
public sealed class ContractTests
{
    private const string Checkout = "https://shop.example.com/api/workflows/checkout";
    private const string Invoice = "https://shop.example.com/api/workflows/invoice";

    public static TheoryData<string> Transports => new("in process", "loopback");

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task A_bulk_resume_with_every_override_shapes_the_new_runs_and_their_logs_show_it(string transport)
    {
        await using Target target = await Target.StartAsync(transport);
        await target.Engine.DeadLetterAsync(FailedRuns.Many(3, i => FailedRun.For(Checkout).FailedAt(FailedRun.DefaultFailedAt.AddSeconds(i)).FailedAtStep(3, of: 4).WithLabels("eu")));
        await target.Engine.DeadLetterAsync(FailedRun.For(Invoice).Build());
        var options = new ResumeOptions
        {
            Retries = 2,
            Delay = TimeSpan.FromSeconds(10),
            RetryDelay = "pow(2, retried) * 1000",
            FlowControl = new FlowControl("tenant-b", rate: 5, period: TimeSpan.FromMinutes(1)),
            Labels = ["retry", "eu"],
            FailureCallbackUrl = new Uri("https://shop.example.com/api/failed-again"),
        };

        List<ResumedRun> resumed = await Drain.AllAsync(target.Client.Dlq.BulkResumeAsync(ResumeFilter.Create().ForWorkflowUrl(Checkout), options));
        WorkflowRun run = (await target.Client.Runs.GetAsync(resumed[0].WorkflowRunId))!;

        Assert.Equal(3, resumed.Count);
        Assert.Equal(["retry", "eu"], run.Labels);
        Assert.Equal("https://shop.example.com/api/failed-again", run.FailureFunction?.Url);
        Assert.Equal("tenant-b", run.FlowControlKey);
        Assert.Equal([WorkflowStepGroupKind.Sequential, WorkflowStepGroupKind.Sequential, WorkflowStepGroupKind.Sequential], run.StepGroups.Select(group => group.Kind));
        Assert.Equal(["init", "step-1", "step-2"], run.Steps.Select(step => step.StepName));
        // The kept steps carry the retries they ran with (the entry's); the new run's own retries are the override.
        int recorded = FailedRun.For(Checkout).Build().MaxRetries;
        Assert.NotEqual(options.Retries, recorded);
        Assert.All(run.Steps.Skip(1), step => Assert.Equal((recorded, "pow(2, retried) * 1000", WorkflowStepState.Succeeded), (step.Retries, step.RetryDelay, step.State)));
        var stored = (await target.Engine.Store.GetRunAsync(resumed[0].WorkflowRunId))!;
        Assert.Equal((2, TimeSpan.FromSeconds(10), 5, TimeSpan.FromMinutes(1)), (stored.Configuration.Retries, stored.Configuration.Delay, stored.Configuration.Rate, stored.Configuration.Period));
        Assert.Single((await target.Engine.ListAsync(Engine.DlqSelection.All)).Entries);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Cancel_and_retry_a_failure_callback_and_read_its_state_in_both_places(string transport)
    {
        await using Target target = await Target.StartAsync(transport);
        EngineEntry inProgress = FailedRun.For(Checkout).WithRunId("wfr_cb1").WithFailureCallback("https://shop.example.com/api/failed", EngineCallbackState.InProgress).Build();
        EngineEntry failed = FailedRun.For(Checkout).WithRunId("wfr_cb2").WithFailureCallback("https://shop.example.com/api/failed", EngineCallbackState.Fail).Build();
        await target.Engine.DeadLetterAsync(inProgress, failed);

        await target.Client.Dlq.CancelFailureCallbackAsync(inProgress.DlqId);
        var notInProgress = await Assert.ThrowsAsync<WorkflowApiException>(() => target.Client.Dlq.CancelFailureCallbackAsync(failed.DlqId));
        await target.Client.Dlq.RetryFailureCallbackAsync(failed.DlqId);

        Assert.Equal(FailureCallbackState.Canceled, (await target.Client.Dlq.GetAsync(inProgress.DlqId))!.FailureCallbackState);
        Assert.Equal(FailureCallbackState.Canceled, (await target.Client.Runs.GetAsync("wfr_cb1"))!.FailureFunction!.State);
        Assert.Equal(400, notInProgress.Status);
        Assert.Equal(FailureCallbackState.InProgress, (await target.Client.Dlq.GetAsync(failed.DlqId))!.FailureCallbackState);
        Assert.Equal(EngineCallbackState.InProgress, (await target.Engine.Store.GetAsync(failed.DlqId))!.FailureCallbackInfo!.State);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task The_run_filter_selects_by_each_filter_and_explicit_ids_are_previewed_one_by_one(string transport)
    {
        await using Target target = await Target.StartAsync(transport);
        await target.Engine.DeadLetterAsync(
            FailedRun.For(Checkout).WithRunId("wfr_a").WithLabels("eu").WithFlowControlKey("tenant-a", parallelism: 1).WithCallerIp("10.0.0.1").Build(),
            FailedRun.For(Invoice).WithRunId("wfr_b").WithLabels("us").FailedAt(FailedRun.DefaultFailedAt.AddMinutes(1)).Build());
        ResumedRun again = await target.Client.Dlq.RestartAsync((await target.Engine.Store.GetRunAsync("wfr_b"))!.DlqId!, new ResumeOptions { Labels = ["restarted"] });

        async Task<string[]> RunIdsAsync(RunFilter filter) =>
            (await Drain.AllAsync(target.Client.Runs.ListAsync(filter))).Select(run => run.WorkflowRunId).ToArray();

        Assert.Equal(["wfr_a"], await RunIdsAsync(RunFilter.Create().ForWorkflowUrl(Checkout)));
        Assert.Equal(["wfr_a"], await RunIdsAsync(RunFilter.Create().WithLabel("eu").WithFlowControlKey("tenant-a").FromCallerIp("10.0.0.1")));
        Assert.Equal([again.WorkflowRunId], await RunIdsAsync(RunFilter.Create().InState(WorkflowRunState.Started)));
        Assert.Equal([again.WorkflowRunId], await RunIdsAsync(RunFilter.Create().WithLabel("restarted")));
        Assert.Equal(["wfr_b"], await RunIdsAsync(RunFilter.Create().ForRun("wfr_b", FailedRun.DefaultFailedAt.AddMinutes(1).AddMinutes(-1))));
        Assert.Equal(["wfr_a", "wfr_b"], await RunIdsAsync(RunFilter.Create().InState(WorkflowRunState.Failed).CreatedBefore(FailedRun.DefaultFailedAt)));
        string aDlqId = (await target.Engine.Store.GetRunAsync("wfr_a"))!.DlqId!;
        List<DlqMessage> preview = await Drain.AllAsync(target.Client.Dlq.ListAsync(ResumeFilter.ForDlqIds(aDlqId, "not-in-the-dlq")));
        Assert.Equal([aDlqId], preview.Select(message => message.DlqId));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task A_bulk_resume_by_ids_that_meets_an_unknown_outcome_says_what_was_resumed_what_is_unknown_and_what_was_never_tried(string transport)
    {
        await using Target target = await Target.StartAsync(transport);
        IReadOnlyList<EngineEntry> entries = FailedRuns.Many(120, i => FailedRun.For(Checkout).FailedAt(FailedRun.DefaultFailedAt.AddSeconds(i)));
        await target.Engine.DeadLetterAsync(entries);
        string[] ids = entries.Select(entry => entry.DlqId).ToArray();

        await using var pages = target.Client.Dlq.BulkResumeAsync(ResumeFilter.ForDlqIds(ids)).AsPages().GetAsyncEnumerator();
        Assert.True(await pages.MoveNextAsync());
        target.Faults.ApplyThenFailNext(1);
        var error = await Assert.ThrowsAsync<OutcomeUnknownException>(async () => await pages.MoveNextAsync());

        Assert.Equal(ids[..50], error.DoneIds);
        Assert.Equal(ids[50..100], error.InDoubtIds);
        Assert.Equal(ids[100..], error.NotAttemptedIds);
        Assert.Equal(20, (await target.Engine.Store.GetStatisticsAsync()).DlqEntryCount);
    }

    /// <summary>The client and the engine it talks to, through the in-process handler or over loopback.</summary>
    private sealed class Target : IAsyncDisposable
    {
        private readonly IAsyncDisposable _transport;

        private Target(WorkflowClient client, DlqEngine engine, FaultInjector faults, IAsyncDisposable transport)
        {
            Client = client;
            Engine = engine;
            Faults = faults;
            _transport = transport;
        }

        public WorkflowClient Client { get; }

        public DlqEngine Engine { get; }

        public FaultInjector Faults { get; }

        public static async Task<Target> StartAsync(string transport)
        {
            if (transport == "loopback")
            {
                WorkflowEmulator emulator = await WorkflowEmulator.StartAsync();
                return new Target(new WorkflowClient(new WorkflowClientOptions { BaseUrl = emulator.Url, Token = emulator.Token }), emulator.Engine, emulator.Faults, emulator);
            }

            var harness = new EngineHarness();
            return new Target(harness.Client, harness.Engine, harness.Server.Faults, new Disposing(harness));
        }

        public ValueTask DisposeAsync() => _transport.DisposeAsync();

        private sealed class Disposing(IDisposable inner) : IAsyncDisposable
        {
            public ValueTask DisposeAsync()
            {
                inner.Dispose();
                return ValueTask.CompletedTask;
            }
        }
    }
}
