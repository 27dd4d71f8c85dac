using BulkResume.Engine.Model;
using BulkResume.Engine.Paging;
using BulkResume.Engine.Selection;
using BulkResume.Engine.Testing;
using BulkResume.Engine.Tests.Support;

namespace BulkResume.Engine.Tests.Listing;

public sealed class RunLogsTests
{
    [Fact]
    public async Task Runs_page_by_run_id_with_a_cursor_and_default_to_10()
    {
        var fixture = new EngineFixture();
        await fixture.Engine.DeadLetterAsync(Seed.Entries(25));

        WorkflowRunPage first = await fixture.Engine.ListRunsAsync();
        WorkflowRunPage second = await fixture.Engine.ListRunsAsync(cursor: first.Cursor, count: 100);

        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"wfr_seed{i:D5}"), first.Runs.Select(run => run.WorkflowRunId));
        Assert.Equal(Enumerable.Range(10, 15).Select(i => $"wfr_seed{i:D5}"), second.Runs.Select(run => run.WorkflowRunId));
        Assert.Null(second.Cursor);
    }

    [Fact]
    public async Task A_run_id_prefix_selects_the_runs_that_start_with_it_and_an_exact_id_selects_one()
    {
        var fixture = new EngineFixture();
        await fixture.Engine.DeadLetterAsync(Seed.Entries(25));

        WorkflowRunPage prefixed = await fixture.Engine.ListRunsAsync("wfr_seed0001", count: 3);
        WorkflowRunPage rest = await fixture.Engine.ListRunsAsync("wfr_seed0001", prefixed.Cursor, count: 100);
        WorkflowRunPage exact = await fixture.Engine.ListRunsAsync("wfr_seed00024");

        Assert.Equal(["wfr_seed00010", "wfr_seed00011", "wfr_seed00012"], prefixed.Runs.Select(run => run.WorkflowRunId));
        Assert.Equal(7, rest.Runs.Count);
        Assert.All(rest.Runs, run => Assert.StartsWith("wfr_seed0001", run.WorkflowRunId, StringComparison.Ordinal));
        Assert.Equal("wfr_seed00024", Assert.Single(exact.Runs).WorkflowRunId);
    }

    [Fact]
    public async Task Resumed_runs_show_their_kept_steps_and_failed_runs_their_DLQ_id()
    {
        var fixture = new EngineFixture();
        await fixture.Engine.DeadLetterAsync(FailedRun.For(Seed.Orders).WithDlqId("dlq-1").WithRunId("wfr_a").FailedAtStep(2, of: 3).Build());
        string resumedId = (await fixture.Engine.ResumeAsync("dlq-1")).WorkflowRunId;

        WorkflowRun failed = Assert.Single((await fixture.Engine.ListRunsAsync("wfr_a")).Runs);
        WorkflowRun resumed = Assert.Single((await fixture.Engine.ListRunsAsync(resumedId)).Runs);

        Assert.Equal((RunState.RunFailed, "dlq-1"), (failed.State, failed.DlqId));
        Assert.Equal((RunState.RunStarted, (string?)null), (resumed.State, resumed.DlqId));
        Assert.Equal(["init", "step-1"], resumed.Steps.Select(step => step.StepName));
    }

    [Fact]
    public async Task A_cursor_for_another_workflowRunId_filter_is_a_bad_request()
    {
        var fixture = new EngineFixture();
        await fixture.Engine.DeadLetterAsync(Seed.Entries(5));
        string cursor = (await fixture.Engine.ListRunsAsync("wfr_seed", count: 1)).Cursor!;

        var otherPrefix = await Assert.ThrowsAsync<DlqEngineException>(async () => await fixture.Engine.ListRunsAsync("wfr_", cursor));
        var noFilter = await Assert.ThrowsAsync<DlqEngineException>(async () => await fixture.Engine.ListRunsAsync(null, cursor));
        var listCursor = await Assert.ThrowsAsync<DlqEngineException>(async () =>
            await fixture.Engine.ListRunsAsync("wfr_seed", (await fixture.Engine.ListAsync(DlqSelection.All, count: 1)).Cursor));

        Assert.All([otherPrefix, noFilter, listCursor], error => Assert.Equal((DlqErrorKind.BadRequest, "cursor"), (error.Kind, error.ParameterName)));
        Assert.Equal(4, (await fixture.Engine.ListRunsAsync("wfr_seed", cursor)).Runs.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task Count_below_one_is_a_bad_request_naming_count(int count)
    {
        var fixture = new EngineFixture();

        var error = await Assert.ThrowsAsync<DlqEngineException>(async () => await fixture.Engine.ListRunsAsync(count: count));

        Assert.Equal("count", error.ParameterName);
        Assert.Contains("Omit count for 10", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Count_above_100_is_capped()
    {
        var fixture = new EngineFixture();
        await fixture.Engine.DeadLetterAsync(Seed.Entries(120));

        WorkflowRunPage page = await fixture.Engine.ListRunsAsync(count: 500);

        Assert.Equal(100, page.Runs.Count);
        Assert.NotNull(page.Cursor);
    }
}
