using BulkResume.Engine.Resume;
using BulkResume.Engine.Storage;
using BulkResume.Engine.Tests.Support;

namespace BulkResume.Engine.Tests.Resume;

public sealed class BulkResumeTests
{
    [Fact]
    public async Task Resumed_run_keeps_successful_steps_gets_a_new_id_and_is_created_now()
    {
        var fixture = new EngineFixture();
        DlqEntry entry = FailedRun.For(Seed.Orders).WithDlqId("dlq-1").FailedAtStep(3, of: 5)
            .WithFlowControlKey("tenant-a", parallelism: 2, rate: 10, period: TimeSpan.FromMinutes(1)).WithMaxRetries(4).Build();
        await fixture.Engine.DeadLetterAsync(entry);
        fixture.Clock.Advance(TimeSpan.FromMinutes(3));

        BulkResumeResult result = await fixture.Engine.BulkResumeAsync(DlqSelection.ForIds("dlq-1"));

        ResumedRunResult resumed = Assert.Single(result.ResumedRuns);
        Assert.Null(result.Cursor);
        Assert.Equal("dlq-1", resumed.SourceDlqId);
        Assert.NotEqual(entry.WorkflowRunId, resumed.WorkflowRunId);
        Assert.Equal(fixture.Clock.GetUtcNow(), resumed.WorkflowCreatedAt);
        RunRecord? run = await fixture.Store.GetRunAsync(resumed.WorkflowRunId);
        Assert.NotNull(run);
        Assert.Equal((RunState.Started, WorkflowRunOrigin.Resumed, "dlq-1", (string?)null), (run.State, run.Origin, run.SourceDlqId, run.DlqId));
        Assert.Equal(fixture.Clock.GetUtcNow(), run.CreatedAt);
        Assert.Equal(["init", "step-1", "step-2"], run.Steps.Select(step => step.StepName));
        // As recorded, with the retries they ran with written down: the entry's, which the new run's would otherwise hide.
        Assert.Equal(entry.Steps.Take(3).Select(step => step.StepType == StepType.Initial ? step : step with { Retries = 4 }), run.Steps);
        Assert.Equal(new WorkflowRunConfiguration { FlowControlKey = "tenant-a", Parallelism = 2, Rate = 10, Period = TimeSpan.FromMinutes(1), Retries = 4 }, run.Configuration);
        Assert.Null(await fixture.Store.GetAsync("dlq-1"));
        Assert.Equal(RunState.Failed, (await fixture.Store.GetRunAsync(entry.WorkflowRunId))!.State);
    }

    [Fact]
    public async Task Overrides_replace_the_original_configuration_where_given()
    {
        var fixture = new EngineFixture();
        await fixture.Engine.DeadLetterAsync(FailedRun.For(Seed.Orders).WithDlqId("dlq-1")
            .WithFlowControlKey("tenant-a", parallelism: 2, rate: 10, period: TimeSpan.FromMinutes(1)).WithMaxRetries(4).Build());

        BulkResumeResult result = await fixture.Engine.BulkResumeAsync(
            DlqSelection.All, overrides: new ResumeOverrides { FlowControlKey = "tenant-b", Rate = 3, Retries = 0 });

        RunRecord? run = await fixture.Store.GetRunAsync(Assert.Single(result.ResumedRuns).WorkflowRunId);
        Assert.Equal(new WorkflowRunConfiguration { FlowControlKey = "tenant-b", Parallelism = 2, Rate = 3, Period = TimeSpan.FromMinutes(1), Retries = 0 }, run!.Configuration);
    }

    [Fact]
    public void Transition_keeps_successful_steps_only_up_to_the_first_unsuccessful_one()
    {
        DlqEntry entry = FailedRun.For(Seed.Orders).FailedAtStep(1, of: 1).Build() with
        {
            Steps =
            [
                Step(0, StepState.Success), Step(1, StepState.Success), Step(2, StepState.Retry),
                Step(3, StepState.Success), Step(4, StepState.Failed),
            ],
        };

        RunRecord run = ResumeTransition.Resume(entry, ResumeOverrides.None, "wfr_x", Seed.T0);

        Assert.Equal([0L, 1L], run.Steps.Select(step => step.StepId));
    }

    [Fact]
    public async Task Resuming_an_entry_again_is_not_found()
    {
        var fixture = new EngineFixture();
        await fixture.Engine.DeadLetterAsync(Seed.Entries(2));
        await fixture.Engine.BulkResumeAsync(DlqSelection.ForIds("dlq-00000"));

        var error = await Assert.ThrowsAsync<DlqEngineException>(async () => await fixture.Engine.BulkResumeAsync(DlqSelection.ForIds("dlq-00000")));

        Assert.Equal((DlqErrorKind.NotFound, 404), (error.Kind, error.StatusCode));
        Assert.Equal("Some DLQ messages were not found: dlq-00000", error.Message);
    }

    [Fact]
    public async Task Ids_are_all_or_nothing_and_unknown_ids_are_named()
    {
        var fixture = new EngineFixture();
        await fixture.Engine.DeadLetterAsync(Seed.Entries(3));

        var error = await Assert.ThrowsAsync<DlqEngineException>(async () =>
            await fixture.Engine.BulkResumeAsync(DlqSelection.ForIds("dlq-00000", "nope-1", "dlq-00002", "nope-2")));

        Assert.Equal("Some DLQ messages were not found: nope-1, nope-2", error.Message);
        Assert.Equal(3, await fixture.DlqCountAsync());
        Assert.False((await fixture.Store.GetStatisticsAsync()).RunsByOrigin.ContainsKey(WorkflowRunOrigin.Resumed));
    }

    [Fact]
    public async Task Ids_resume_exactly_those_entries_in_the_order_given()
    {
        var fixture = new EngineFixture();
        await fixture.Engine.DeadLetterAsync(Seed.Entries(5));

        BulkResumeResult result = await fixture.Engine.BulkResumeAsync(new DlqSelection { DlqIds = ["dlq-00003", "dlq-00001"], Labels = ["ignored"] });

        Assert.Equal(["dlq-00003", "dlq-00001"], result.ResumedRuns.Select(run => run.SourceDlqId));
        Assert.Equal(3, await fixture.DlqCountAsync());
    }

    [Fact]
    public async Task More_than_50_ids_is_a_bad_request_that_says_to_split()
    {
        var fixture = new EngineFixture();
        await fixture.Engine.DeadLetterAsync(Seed.Entries(51));

        var error = await Assert.ThrowsAsync<DlqEngineException>(async () =>
            await fixture.Engine.BulkResumeAsync(new DlqSelection { DlqIds = Seed.Entries(51).Ids().ToArray() }));

        Assert.Equal((DlqErrorKind.BadRequest, "dlqIds"), (error.Kind, error.ParameterName));
        Assert.Contains("requests of 50", error.Message, StringComparison.Ordinal);
        Assert.Equal(51, await fixture.DlqCountAsync());
    }

    [Fact]
    public async Task The_public_take_of_a_page_refuses_a_blank_prefix_that_would_select_everything()
    {
        var fixture = new EngineFixture();
        await fixture.Engine.DeadLetterAsync(Seed.Entries(3));

        var error = await Assert.ThrowsAsync<DlqEngineException>(async () =>
            await new DlqStoreWrites(fixture.Store).TakePageAsync(new DlqQuery(new DlqSelection { WorkflowRunId = "" }, null, 50), static _ => null));

        Assert.Equal((DlqErrorKind.BadRequest, "workflowRunId"), (error.Kind, error.ParameterName));
        Assert.Equal(3, await fixture.DlqCountAsync());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task Count_below_one_is_a_bad_request_naming_count(int count)
    {
        var fixture = new EngineFixture();
        await fixture.Engine.DeadLetterAsync(Seed.Entries(3));

        var error = await Assert.ThrowsAsync<DlqEngineException>(async () => await fixture.Engine.BulkResumeAsync(DlqSelection.All, count: count));

        Assert.Equal((DlqErrorKind.BadRequest, "count"), (error.Kind, error.ParameterName));
        Assert.StartsWith("count must be at least 1", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, await fixture.DlqCountAsync());
    }

    [Theory]
    [InlineData(null, 50)]
    [InlineData(51, 50)]
    [InlineData(7, 7)]
    public async Task Count_defaults_to_50_and_is_capped_at_50(int? count, int expected)
    {
        var fixture = new EngineFixture();
        await fixture.Engine.DeadLetterAsync(Seed.Entries(60));

        BulkResumeResult result = await fixture.Engine.BulkResumeAsync(DlqSelection.All, count: count);

        Assert.Equal(Seed.Entries(expected).Ids(), result.ResumedRuns.Select(run => run.SourceDlqId));
        Assert.NotNull(result.Cursor);
    }

    [Fact]
    public async Task FromDate_after_toDate_is_a_bad_request()
    {
        var fixture = new EngineFixture();
        await fixture.Engine.DeadLetterAsync(Seed.Entries(3));

        var error = await Assert.ThrowsAsync<DlqEngineException>(async () =>
            await fixture.Engine.BulkResumeAsync(new DlqSelection { FromDate = Seed.T0.AddSeconds(2), ToDate = Seed.T0 }));

        Assert.Equal((DlqErrorKind.BadRequest, "fromDate"), (error.Kind, error.ParameterName));
        Assert.Equal(3, await fixture.DlqCountAsync());
    }

    [Fact]
    public async Task Invalid_overrides_are_bad_requests_naming_the_override()
    {
        var fixture = new EngineFixture();
        await fixture.Engine.DeadLetterAsync(Seed.Entries(1));

        var error = await Assert.ThrowsAsync<DlqEngineException>(async () =>
            await fixture.Engine.BulkResumeAsync(DlqSelection.All, overrides: new ResumeOverrides { Retries = -1 }));

        Assert.StartsWith("Upstash-Retries must be 0 or more", error.Message, StringComparison.Ordinal);
        Assert.Equal("Upstash-Retries", error.ParameterName);
        Assert.Equal(1, await fixture.DlqCountAsync());
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(50, 1)]
    [InlineData(51, 2)]
    [InlineData(100, 2)]
    [InlineData(333, 7)]
    public async Task Bulk_resume_by_filter_pages_until_no_cursor(int entries, int expectedCalls)
    {
        var fixture = new EngineFixture();
        await fixture.Engine.DeadLetterAsync(Seed.Entries(entries));

        var resumed = new List<string>();
        string? cursor = null;
        int calls = 0;
        do
        {
            BulkResumeResult result = await fixture.Engine.BulkResumeAsync(DlqSelection.All, cursor);
            resumed.AddRange(result.ResumedRuns.Select(run => run.SourceDlqId));
            cursor = result.Cursor;
            calls++;
        }
        while (cursor is not null);

        Assert.Equal(expectedCalls, calls);
        Assert.Equal(Seed.Entries(entries).Ids(), resumed);
        Assert.Equal(0, await fixture.DlqCountAsync());
    }

    [Fact]
    public async Task Entries_a_concurrent_caller_took_are_not_in_the_page_which_fills_up_with_the_next_ones()
    {
        var racing = new RacingStore(new InMemoryDlqStore());
        var fixture = new EngineFixture(racing);
        await fixture.Engine.DeadLetterAsync(Seed.Entries(12));
        bool stolen = false;
        racing.BeforeEachTake = async page =>
        {
            if (!stolen)
            {
                stolen = true;
                await new DlqStoreWrites(racing).TakeAsync(page.Take(2).Ids().ToArray(), allOrNothing: true, static _ => null);
            }
        };

        BulkResumeResult result = await fixture.Engine.BulkResumeAsync(DlqSelection.All, count: 5);

        Assert.Equal(["dlq-00002", "dlq-00003", "dlq-00004", "dlq-00005", "dlq-00006"], result.ResumedRuns.Select(run => run.SourceDlqId));
        BulkResumeResult next = await fixture.Engine.BulkResumeAsync(DlqSelection.All, result.Cursor);
        Assert.Equal(["dlq-00007", "dlq-00008", "dlq-00009", "dlq-00010", "dlq-00011"], next.ResumedRuns.Select(run => run.SourceDlqId));
        Assert.Null(next.Cursor);
    }

    [Fact]
    public async Task An_entry_whose_failure_callback_is_retried_before_the_take_is_not_resumed_by_a_callback_fail_filter()
    {
        var racing = new RacingStore(new InMemoryDlqStore());
        var fixture = new EngineFixture(racing);
        IReadOnlyList<DlqEntry> entries = FailedRuns.Many(12, i => FailedRun.For(Seed.Orders).WithDlqId($"dlq-{i:D5}")
            .FailedAt(Seed.T0.AddSeconds(i)).WithFailureCallback("https://example.com/failure", CallbackState.Fail));
        await fixture.Engine.DeadLetterAsync(entries);

        // Before every take of the bulk resume, a callback retry moves the first entry it would take to in progress.
        var retried = new List<string>();
        racing.BeforeEachTake = async page =>
        {
            if (page.Count > 0)
            {
                retried.Add((await fixture.Engine.RetryFailureCallbackAsync(page[0].DlqId)).DlqId);
            }
        };
        var failed = new DlqSelection { FailureCallbackStates = [CallbackState.Fail] };

        var resumed = new List<string>();
        string? cursor = null;
        do
        {
            BulkResumeResult result = await fixture.Engine.BulkResumeAsync(failed, cursor, count: 5);
            resumed.AddRange(result.ResumedRuns.Select(run => run.SourceDlqId));
            cursor = result.Cursor;
        }
        while (cursor is not null);

        Assert.NotEmpty(retried);
        Assert.Empty(resumed.Intersect(retried));
        Assert.Equal(entries.Ids().Order(), resumed.Concat(retried).Order());
        Assert.Equal(retried.Count, await fixture.DlqCountAsync());
        foreach (string id in retried)
        {
            Assert.Equal(CallbackState.InProgress, (await fixture.Store.GetAsync(id))?.FailureCallbackInfo?.State);
        }
    }

    [Fact]
    public async Task A_cursor_from_another_filter_or_tampered_or_garbage_is_rejected_without_changes()
    {
        var fixture = new EngineFixture();
        await fixture.Engine.DeadLetterAsync(Seed.Entries(10));
        var labels = new DlqSelection { Labels = ["a", "b"] };
        string cursor = (await fixture.Engine.BulkResumeAsync(new DlqSelection { FromDate = Seed.T0 }, count: 2)).Cursor!;
        char flipped = cursor[5] == 'A' ? 'B' : 'A';

        foreach ((DlqSelection selection, string bad) in new[]
        {
            (DlqSelection.All, cursor),
            (labels, cursor),
            (new DlqSelection { FromDate = Seed.T0 }, string.Concat(cursor.AsSpan(0, 5), flipped.ToString(), cursor.AsSpan(6))),
            (new DlqSelection { FromDate = Seed.T0 }, "not a cursor!"),
            (new DlqSelection { FromDate = Seed.T0 }, cursor[..^3]),
        })
        {
            var error = await Assert.ThrowsAsync<DlqEngineException>(async () => await fixture.Engine.BulkResumeAsync(selection, bad));
            Assert.Equal((DlqErrorKind.BadRequest, "cursor"), (error.Kind, error.ParameterName));
            Assert.Equal("cursor is not valid for this filter; start without a cursor or reuse the filter it came from", error.Message);
        }

        Assert.Equal(8, await fixture.DlqCountAsync());
        BulkResumeResult sameFilterReordered = await fixture.Engine.BulkResumeAsync(new DlqSelection { FromDate = Seed.T0 }, cursor);
        Assert.Equal(8, sameFilterReordered.ResumedRuns.Count);
    }

    [Fact]
    public async Task A_cursor_is_accepted_for_the_same_filter_given_in_another_order_and_by_another_engine()
    {
        var fixture = new EngineFixture();
        await fixture.Engine.DeadLetterAsync(FailedRuns.Many(6, i => FailedRun.For(Seed.Orders).WithLabels(i % 2 == 0 ? "a" : "b").FailedAt(Seed.T0.AddSeconds(i))));

        string cursor = (await fixture.Engine.BulkResumeAsync(new DlqSelection { Labels = ["a", "b"] }, count: 2)).Cursor!;
        var otherEngine = new DlqEngine(fixture.Store);
        BulkResumeResult rest = await otherEngine.BulkResumeAsync(new DlqSelection { Labels = ["b", "a", "b"] }, cursor);

        Assert.Equal(4, rest.ResumedRuns.Count);
        Assert.Null(rest.Cursor);
    }

    private static StepRecord Step(long id, StepState state) =>
        new() { StepId = id, StepName = $"s{id}", StepType = StepType.Run, State = state, CreatedAt = Seed.T0 };

    /// <summary>A store where another caller acts on the entries of each page right before the engine takes the page.</summary>
    private sealed class RacingStore(IDlqStore inner) : IDlqStore
    {
        /// <summary>What the other caller does with the entries the next take of a page would find.</summary>
        public Func<IReadOnlyList<DlqEntry>, Task>? BeforeEachTake { get; set; }

        public ValueTask<DlqEntry?> GetAsync(string dlqId, CancellationToken cancellationToken = default) => inner.GetAsync(dlqId, cancellationToken);

        public ValueTask<IReadOnlyList<DlqEntry>> QueryAsync(DlqQuery query, CancellationToken cancellationToken = default) => inner.QueryAsync(query, cancellationToken);

        public ValueTask<RunRecord?> GetRunAsync(string workflowRunId, CancellationToken cancellationToken = default) => inner.GetRunAsync(workflowRunId, cancellationToken);

        public ValueTask SaveRunAsync(RunRecord run, CancellationToken cancellationToken = default) => inner.SaveRunAsync(run, cancellationToken);

        public ValueTask<IReadOnlyList<DeliveryRecord>> GetDeliveriesAsync(string workflowRunId, CancellationToken cancellationToken = default) => inner.GetDeliveriesAsync(workflowRunId, cancellationToken);

        public ValueTask<DateTimeOffset?> GetNextDeliveryTimeAsync(CancellationToken cancellationToken = default) => inner.GetNextDeliveryTimeAsync(cancellationToken);

        public ValueTask<IReadOnlyList<RunRecord>> QueryRunsAsync(RunQuery query, CancellationToken cancellationToken = default) => inner.QueryRunsAsync(query, cancellationToken);

        public ValueTask<DlqStoreStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default) => inner.GetStatisticsAsync(cancellationToken);

        public ValueTask<BulkActionRecord?> GetBulkActionAsync(string actionId, CancellationToken cancellationToken = default) => inner.GetBulkActionAsync(actionId, cancellationToken);

        public ValueTask<IReadOnlyList<BulkActionRecord>> QueryBulkActionsAsync(
            DateTimeOffset createdSince, string? beforeActionId, bool unfinishedOnly, int limit, CancellationToken cancellationToken = default) =>
            inner.QueryBulkActionsAsync(createdSince, beforeActionId, unfinishedOnly, limit, cancellationToken);

        /// <summary>
        /// A write that takes a page first runs once against a probe that only learns which page (the contract lets a store
        /// run the work more than once); the other caller then acts on that page, and the write runs for real.
        /// </summary>
        public async ValueTask<T> WriteAsync<T>(Func<IDlqTransaction, ValueTask<T>> work, CancellationToken cancellationToken = default)
        {
            if (BeforeEachTake is { } race)
            {
                var probe = new PageProbe();
                try
                {
                    await work(probe);
                }
                catch (PageProbe.Learned)
                {
                    await race(await inner.QueryAsync(probe.Query!, cancellationToken));
                }
                catch (PageProbe.NotAPage)
                {
                }
            }

            return await inner.WriteAsync(work, cancellationToken);
        }

        private sealed class PageProbe : IDlqTransaction
        {
            public DlqQuery? Query { get; private set; }

            public CancellationToken CancellationToken => CancellationToken.None;

            public ValueTask<IReadOnlyList<LockedEntry>> LockPageAsync(DlqQuery query)
            {
                // The page without its look-ahead entry: what the take would find.
                Query = new DlqQuery(query.Selection, query.After, query.Limit - 1);
                throw new Learned();
            }

            public ValueTask<IReadOnlyList<DlqEntry>> LockEntriesAsync(IReadOnlyList<string> dlqIds) => throw new NotAPage();

            public ValueTask<IReadOnlyDictionary<string, RunRecord>> GetRunsAsync(IReadOnlyList<string> workflowRunIds) => throw new NotAPage();

            public ValueTask AddEntriesAsync(IReadOnlyList<DlqEntry> entries) => throw new NotAPage();

            public ValueTask RemoveEntriesAsync(IReadOnlyList<DlqEntry> entries) => throw new NotAPage();

            public ValueTask ReplaceEntryAsync(DlqEntry entry) => throw new NotAPage();

            public ValueTask SaveRunsAsync(IReadOnlyList<RunRecord> runs) => throw new NotAPage();

            public ValueTask<BulkActionRecord> AddBulkActionAsync(BulkActionRecord action) => throw new NotAPage();

            public ValueTask AddBulkActionProgressAsync(string actionId, long processed, DateTimeOffset? completedAt) => throw new NotAPage();

            public ValueTask AddDeliveriesAsync(IReadOnlyList<DeliveryRecord> deliveries) => throw new NotAPage();

            public ValueTask<IReadOnlyList<DeliveryRecord>> ClaimDeliveriesAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int limit) => throw new NotAPage();

            public ValueTask<bool> ReplaceDeliveryAsync(DeliveryRecord delivery) => throw new NotAPage();

            public ValueTask<int> RemoveDeliveriesAsync(IReadOnlyList<string> messageIds) => throw new NotAPage();

            public ValueTask<int> RemoveRunDeliveriesAsync(string workflowRunId) => throw new NotAPage();

            public sealed class Learned : Exception;

            public sealed class NotAPage : Exception;
        }
    }
}
