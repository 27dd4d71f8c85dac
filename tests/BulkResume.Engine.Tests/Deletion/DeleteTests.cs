using BulkResume.Engine.Tests.Support;

namespace BulkResume.Engine.Tests.Deletion;

public sealed class DeleteTests
{
    [Fact]
    public async Task Delete_removes_the_entry_makes_no_run_and_keeps_the_failed_run_readable()
    {
        var fixture = new EngineFixture();
        await fixture.Engine.DeadLetterAsync(FailedRun.For(Seed.Orders).WithDlqId("dlq-1").WithRunId("wfr_a").Build());

        DlqEntry deleted = await fixture.Engine.DeleteAsync("dlq-1");

        Assert.Equal("dlq-1", deleted.DlqId);
        Assert.Null(await fixture.Store.GetAsync("dlq-1"));
        Assert.Equal(RunState.Failed, (await fixture.Store.GetRunAsync("wfr_a"))!.State);
        Assert.Equal(1, (await fixture.Store.GetStatisticsAsync()).RunsByOrigin.Values.Sum());
    }

    [Fact]
    public async Task Deleting_a_missing_entry_is_not_found_and_changes_nothing()
    {
        var fixture = new EngineFixture();
        await fixture.Engine.DeadLetterAsync(Seed.Entries(2));
        await fixture.Engine.DeleteAsync("dlq-00000");

        var again = await Assert.ThrowsAsync<DlqEngineException>(async () => await fixture.Engine.DeleteAsync("dlq-00000"));

        Assert.Equal((DlqErrorKind.NotFound, 404, "DLQ message dlq-00000 was not found"), (again.Kind, again.StatusCode, again.Message));
        Assert.Equal(1, await fixture.DlqCountAsync());
    }

    [Fact]
    public async Task Bulk_delete_takes_at_most_100_per_call_and_continues_with_the_cursor()
    {
        var fixture = new EngineFixture();
        await fixture.Engine.DeadLetterAsync(Seed.Entries(220));

        var calls = new List<int>();
        string? cursor = null;
        do
        {
            BulkDeleteResult result = await fixture.Engine.BulkDeleteAsync(DlqSelection.All, cursor);
            calls.Add(result.DeletedDlqIds.Count);
            cursor = result.Cursor;
        }
        while (cursor is not null);

        Assert.Equal([100, 100, 20], calls);
        Assert.Equal(0, await fixture.DlqCountAsync());
    }

    [Fact]
    public async Task Bulk_delete_by_filter_removes_only_the_selected_entries_in_order()
    {
        var fixture = new EngineFixture();
        await fixture.Engine.DeadLetterAsync(FailedRuns.Many(6, i => FailedRun.For(i % 2 == 0 ? Seed.Orders : Seed.Billing)
            .WithDlqId($"dlq-{i}").FailedAt(Seed.T0.AddSeconds(i))));

        BulkDeleteResult result = await fixture.Engine.BulkDeleteAsync(new DlqSelection { WorkflowUrls = [Seed.Billing] }, count: 2);
        BulkDeleteResult rest = await fixture.Engine.BulkDeleteAsync(new DlqSelection { WorkflowUrls = [Seed.Billing] }, result.Cursor, count: 2);

        Assert.Equal(["dlq-1", "dlq-3"], result.DeletedDlqIds);
        Assert.Equal(["dlq-5"], rest.DeletedDlqIds);
        Assert.Null(rest.Cursor);
        Assert.Equal(["dlq-0", "dlq-2", "dlq-4"], (await fixture.Engine.ListAsync(DlqSelection.All)).Entries.Ids());
    }

    [Fact]
    public async Task Bulk_delete_by_ids_is_all_or_nothing()
    {
        var fixture = new EngineFixture();
        await fixture.Engine.DeadLetterAsync(Seed.Entries(3));

        var error = await Assert.ThrowsAsync<DlqEngineException>(async () =>
            await fixture.Engine.BulkDeleteAsync(DlqSelection.ForIds("dlq-00001", "nope")));
        BulkDeleteResult deleted = await fixture.Engine.BulkDeleteAsync(DlqSelection.ForIds("dlq-00002", "dlq-00001"));

        Assert.Equal((DlqErrorKind.NotFound, "Some DLQ messages were not found: nope"), (error.Kind, error.Message));
        Assert.Equal(["dlq-00002", "dlq-00001"], deleted.DeletedDlqIds);
        Assert.Equal(1, await fixture.DlqCountAsync());
    }
}
