using BulkResume.Engine.Tests.Support;

namespace BulkResume.Engine.Tests.Listing;

public sealed class RunLogsTests
{
    [Fact]
    public async Task Runs_page_by_run_id_with_a_cursor_ten_at_most()
    {
        var fixture = new EngineFixture();
        await fixture.Engine.DeadLetterAsync(Seed.Entries(25));

        WorkflowRunPage first = await fixture.Engine.ListRunsAsync(RunSelection.All);
        WorkflowRunPage second = await fixture.Engine.ListRunsAsync(RunSelection.All, first.Cursor, count: 100);
        WorkflowRunPage third = await fixture.Engine.ListRunsAsync(RunSelection.All, second.Cursor, count: 100);

        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"wfr_seed{i:D5}"), first.Runs.Select(run => run.WorkflowRunId));
        Assert.Equal(Enumerable.Range(10, 10).Select(i => $"wfr_seed{i:D5}"), second.Runs.Select(run => run.WorkflowRunId));
        Assert.Equal(Enumerable.Range(20, 5).Select(i => $"wfr_seed{i:D5}"), third.Runs.Select(run => run.WorkflowRunId));
        Assert.Null(third.Cursor);
    }

    [Theory]
    [InlineData("workflowRuns", " ")]
    [InlineData("workflowRuns", "")]
    [InlineData("workflowRunId", " ")]
    [InlineData("callerIp", "not-an-address")]
    [InlineData("fromDate", null)]
    public async Task A_dotnet_callers_bad_run_selection_is_refused_naming_the_parameter(string parameter, string? value)
    {
        var fixture = new EngineFixture();
        RunSelection selection = parameter switch
        {
            "workflowRuns" => new() { Runs = [new RunReference(value!, Seed.T0)] },
            "workflowRunId" => new() { WorkflowRunId = value },
            "callerIp" => new() { CallerIp = value },
            _ => new() { FromDate = Seed.T0, ToDate = Seed.T0.AddSeconds(-1) },
        };

        DlqEngineException refused = await Assert.ThrowsAsync<DlqEngineException>(() => fixture.Engine.ListRunsAsync(selection).AsTask());

        Assert.Equal(parameter, refused.ParameterName);
    }

    [Fact]
    public async Task A_run_id_selects_exactly_that_run_and_is_never_a_prefix()
    {
        var fixture = new EngineFixture();
        await fixture.Engine.DeadLetterAsync(Seed.Entries(25));

        WorkflowRunPage exact = await fixture.Engine.ListRunsAsync(new RunSelection { WorkflowRunId = "wfr_seed00024" });
        WorkflowRunPage prefix = await fixture.Engine.ListRunsAsync(new RunSelection { WorkflowRunId = "wfr_seed0001" });

        Assert.Equal("wfr_seed00024", Assert.Single(exact.Runs).WorkflowRunId);
        Assert.Empty(prefix.Runs);
    }

    [Fact]
    public async Task Resumed_runs_show_their_kept_steps_new_labels_and_failure_callback()
    {
        var fixture = new EngineFixture();
        await fixture.Engine.DeadLetterAsync(FailedRun.For(Seed.Orders).WithDlqId("dlq-1").WithRunId("wfr_a").WithLabels("eu").FailedAtStep(2, of: 3).Build());
        string resumedId = (await fixture.Engine.ResumeAsync(
            "dlq-1",
            new() { Labels = ["retry", "eu"], FailureCallback = "https://example.com/failed", RetryDelay = "1000 * (1 + retried)" })).WorkflowRunId;

        RunRecord failed = Assert.Single((await fixture.Engine.ListRunsAsync(new RunSelection { WorkflowRunId = "wfr_a" })).Runs);
        RunRecord resumed = Assert.Single((await fixture.Engine.ListRunsAsync(new RunSelection { WorkflowRunId = resumedId })).Runs);

        Assert.Equal((RunState.Failed, "dlq-1"), (failed.State, failed.DlqId));
        Assert.Equal(["eu"], failed.Labels);
        Assert.Equal((RunState.Started, (string?)null), (resumed.State, resumed.DlqId));
        Assert.Equal(["init", "step-1"], resumed.Steps.Select(step => step.StepName));
        Assert.Equal(["retry", "eu"], resumed.Labels);
        Assert.Equal("https://example.com/failed", resumed.FailureFunction!.Url);
        Assert.Equal("1000 * (1 + retried)", resumed.Configuration.RetryDelay);
        Assert.Equal(failed.CallerIp, resumed.CallerIp);
    }

    [Fact]
    public async Task The_failed_runs_callback_state_follows_its_entry_while_the_entry_is_in_the_DLQ()
    {
        var fixture = new EngineFixture();
        await fixture.Engine.DeadLetterAsync(
            FailedRun.For(Seed.Orders).WithDlqId("dlq-1").WithRunId("wfr_a").WithFailureCallback("https://example.com/cb", CallbackState.Fail).Build());

        await fixture.Engine.RetryFailureCallbackAsync("dlq-1");
        CallbackState? retried = (await fixture.Engine.Store.GetRunAsync("wfr_a"))!.FailureFunction!.State;
        await fixture.Engine.CancelFailureCallbackAsync("dlq-1");
        RunRecord canceled = (await fixture.Engine.Store.GetRunAsync("wfr_a"))!;

        Assert.Equal(CallbackState.InProgress, retried);
        Assert.Equal(CallbackState.Canceled, canceled.FailureFunction!.State);
        Assert.Equal((RunState.Failed, "dlq-1"), (canceled.State, canceled.DlqId));
    }

    [Fact]
    public async Task A_cursor_for_other_filters_is_a_bad_request()
    {
        var fixture = new EngineFixture();
        await fixture.Engine.DeadLetterAsync(Seed.Entries(5));
        var orders = new RunSelection { WorkflowUrl = Seed.Orders };
        string cursor = (await fixture.Engine.ListRunsAsync(orders, count: 1)).Cursor!;

        var otherUrl = await Assert.ThrowsAsync<DlqEngineException>(async () => await fixture.Engine.ListRunsAsync(new RunSelection { WorkflowUrl = Seed.Billing }, cursor));
        var noFilter = await Assert.ThrowsAsync<DlqEngineException>(async () => await fixture.Engine.ListRunsAsync(RunSelection.All, cursor));
        var listCursor = await Assert.ThrowsAsync<DlqEngineException>(async () =>
            await fixture.Engine.ListRunsAsync(orders, (await fixture.Engine.ListAsync(DlqSelection.All, count: 1)).Cursor));

        Assert.All([otherUrl, noFilter, listCursor], error => Assert.Equal((DlqErrorKind.BadRequest, "cursor"), (error.Kind, error.ParameterName)));
        Assert.Equal(4, (await fixture.Engine.ListRunsAsync(new RunSelection { WorkflowUrl = Seed.Orders }, cursor)).Runs.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task Count_below_one_is_a_bad_request_naming_count(int count)
    {
        var fixture = new EngineFixture();

        var error = await Assert.ThrowsAsync<DlqEngineException>(async () => await fixture.Engine.ListRunsAsync(RunSelection.All, count: count));

        Assert.Equal("count", error.ParameterName);
        Assert.Contains("Omit count for 10", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reversed_range_or_a_value_with_a_control_character_is_a_bad_request()
    {
        var fixture = new EngineFixture();

        var reversed = await Assert.ThrowsAsync<DlqEngineException>(async () =>
            await fixture.Engine.ListRunsAsync(new RunSelection { FromDate = Seed.T0, ToDate = Seed.T0.AddSeconds(-1) }));
        var nul = await Assert.ThrowsAsync<DlqEngineException>(async () => await fixture.Engine.ListRunsAsync(new RunSelection { Labels = ["a\0b"] }));

        Assert.Equal("fromDate", reversed.ParameterName);
        Assert.Equal("label", nul.ParameterName);
    }
}
