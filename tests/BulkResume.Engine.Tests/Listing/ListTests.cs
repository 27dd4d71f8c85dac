using BulkResume.Engine.Tests.Support;

namespace BulkResume.Engine.Tests.Listing;

public sealed class ListTests
{
    [Fact]
    public async Task Pages_of_count_follow_the_cursor_to_the_end_without_changing_anything()
    {
        var fixture = new EngineFixture();
        await fixture.Engine.DeadLetterAsync(Seed.Entries(5));

        DlqEntryPage first = await fixture.Engine.ListAsync(DlqSelection.All, count: 2);
        DlqEntryPage second = await fixture.Engine.ListAsync(DlqSelection.All, first.Cursor, count: 2);
        DlqEntryPage last = await fixture.Engine.ListAsync(DlqSelection.All, second.Cursor, count: 2);

        Assert.Equal(["dlq-00000", "dlq-00001"], first.Entries.Ids());
        Assert.Equal(["dlq-00002", "dlq-00003"], second.Entries.Ids());
        Assert.Equal(["dlq-00004"], last.Entries.Ids());
        Assert.NotNull(second.Cursor);
        Assert.Null(last.Cursor);
        Assert.Equal(5, await fixture.DlqCountAsync());
    }

    [Fact]
    public async Task Count_defaults_to_100_and_is_capped_at_100()
    {
        var fixture = new EngineFixture();
        await fixture.Engine.DeadLetterAsync(Seed.Entries(150));

        DlqEntryPage byDefault = await fixture.Engine.ListAsync(DlqSelection.All);
        DlqEntryPage capped = await fixture.Engine.ListAsync(DlqSelection.All, count: 1000);

        Assert.Equal(100, byDefault.Entries.Count);
        Assert.Equal(100, capped.Entries.Count);
        Assert.Equal(50, (await fixture.Engine.ListAsync(DlqSelection.All, capped.Cursor)).Entries.Count);
    }

    [Fact]
    public async Task Filters_select_what_a_bulk_call_with_the_same_selection_would()
    {
        var fixture = new EngineFixture();
        await fixture.Engine.DeadLetterAsync(FailedRuns.Many(6, i => FailedRun.For(i % 2 == 0 ? Seed.Orders : Seed.Billing)
            .WithDlqId($"dlq-{i}").WithLabels(i < 4 ? "eu" : "us").FailedAt(Seed.T0.AddSeconds(i))));
        var selection = new DlqSelection { WorkflowUrls = [Seed.Orders], Labels = ["eu"] };

        DlqEntryPage page = await fixture.Engine.ListAsync(selection);

        Assert.Equal(["dlq-0", "dlq-2"], page.Entries.Ids());
        Assert.Equal(["dlq-0", "dlq-2"], (await fixture.Engine.BulkResumeAsync(selection)).ResumedRuns.Select(run => run.SourceDlqId));
    }

    [Fact]
    public async Task Entries_dead_lettered_while_paging_appear_once_when_after_the_cursor_and_never_shift_a_page()
    {
        var fixture = new EngineFixture();
        await fixture.Engine.DeadLetterAsync(Seed.Entries(4));
        DlqEntryPage first = await fixture.Engine.ListAsync(DlqSelection.All, count: 2);

        // One entry sorts before the cursor (failed earlier), one after it.
        await fixture.Engine.DeadLetterAsync(
            FailedRun.For(Seed.Orders).WithDlqId("early").FailedAt(Seed.T0.AddSeconds(-10)).Build(),
            FailedRun.For(Seed.Orders).WithDlqId("late").FailedAt(Seed.T0.AddSeconds(100)).Build());
        var seen = new List<string>(first.Entries.Ids());
        string? cursor = first.Cursor;
        while (cursor is not null)
        {
            DlqEntryPage page = await fixture.Engine.ListAsync(DlqSelection.All, cursor, count: 2);
            seen.AddRange(page.Entries.Ids());
            cursor = page.Cursor;
        }

        Assert.Equal(["dlq-00000", "dlq-00001", "dlq-00002", "dlq-00003", "late"], seen);
    }

    [Fact]
    public async Task Ids_list_those_still_in_the_DLQ_in_one_page()
    {
        var fixture = new EngineFixture();
        await fixture.Engine.DeadLetterAsync(Seed.Entries(4));

        DlqEntryPage page = await fixture.Engine.ListAsync(DlqSelection.ForIds("dlq-00003", "gone", "dlq-00001"), count: 1);

        Assert.Equal(["dlq-00001", "dlq-00003"], page.Entries.Ids());
        Assert.Null(page.Cursor);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public async Task Count_below_one_is_a_bad_request_naming_count(int count)
    {
        var fixture = new EngineFixture();

        var error = await Assert.ThrowsAsync<DlqEngineException>(async () => await fixture.Engine.ListAsync(DlqSelection.All, count: count));

        Assert.Equal((DlqErrorKind.BadRequest, "count"), (error.Kind, error.ParameterName));
        Assert.Contains("Omit count for 100", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cursor_of_another_selection_or_of_run_logs_is_a_bad_request_naming_cursor()
    {
        var fixture = new EngineFixture();
        await fixture.Engine.DeadLetterAsync(Seed.Entries(3));
        await fixture.Engine.BulkResumeAsync(DlqSelection.ForIds("dlq-00000"));
        string listCursor = (await fixture.Engine.ListAsync(DlqSelection.All, count: 1)).Cursor!;
        string runCursor = (await fixture.Engine.ListRunsAsync(RunSelection.All, count: 1)).Cursor!;

        var otherFilter = await Assert.ThrowsAsync<DlqEngineException>(async () =>
            await fixture.Engine.ListAsync(new DlqSelection { Labels = ["x"] }, listCursor));
        var runLogs = await Assert.ThrowsAsync<DlqEngineException>(async () => await fixture.Engine.ListAsync(DlqSelection.All, runCursor));

        Assert.Equal(("cursor", "cursor"), (otherFilter.ParameterName, runLogs.ParameterName));
        Assert.Equal(DlqErrorKind.BadRequest, runLogs.Kind);
    }

    [Fact]
    public async Task A_reversed_date_range_is_a_bad_request_naming_fromDate()
    {
        var fixture = new EngineFixture();

        var error = await Assert.ThrowsAsync<DlqEngineException>(async () =>
            await fixture.Engine.ListAsync(new DlqSelection { FromDate = Seed.T0, ToDate = Seed.T0.AddSeconds(-1) }));

        Assert.Equal("fromDate", error.ParameterName);
    }
}
