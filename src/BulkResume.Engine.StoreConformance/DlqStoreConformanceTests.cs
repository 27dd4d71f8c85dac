using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BulkResume.Engine.Http;
using BulkResume.Engine.Storage;
using Xunit;

namespace BulkResume.Engine.StoreConformance;

/// <summary>What every <see cref="IDlqStore"/> must do.</summary>
/// <remarks>
/// A store's test class inherits this and says how to make a fresh, empty store; the SQLite and PostgreSQL stores run
/// the same suite unchanged. The tests are skippable so that a store whose server is missing on a developer's machine
/// can skip them from <see cref="CreateStore"/> (never under CI). Every store a test creates is disposed after it, so
/// an implementer keeps no list of its own.
/// </remarks>
public abstract partial class DlqStoreConformanceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T = Seed.T0;
    private static readonly DateTimeOffset GammaCreatedAt = T.AddHours(-5);

    /// <summary>Six entries that differ in every filterable field; f fails at the same time as e but sorts first by id.</summary>
    private static readonly DlqEntry[] Filterable =
    [
        Entry("dlq-a", Seed.Orders, 0, "wfr_alpha1", ["billing"], "tenant-a", "10.0.0.1", CallbackState.Fail),
        Entry("dlq-b", Seed.Orders, 1, "wfr_alpha2", ["billing", "eu"], "tenant-b", "10.0.0.2", CallbackState.Success),
        Entry("dlq-c", Seed.Billing, 2, "wfr_beta1", ["eu"], "tenant-a", "10.0.0.1", null),
        Entry("dlq-d", Seed.Billing, 3, "wfr_beta2", [], null, "10.0.0.3", CallbackState.InProgress),
        Entry("dlq-e", Seed.Shipping, 4, "wfr_gamma", ["ops"], "tenant-c", "10.0.0.2", CallbackState.Canceled, GammaCreatedAt),
        Entry("dlq-0f", Seed.Orders, 4, "wfr_alpha3", ["ops"], "tenant-a", "10.0.0.1", CallbackState.Fail),
    ];

    private static readonly Dictionary<string, (DlqSelection Selection, string[] Expected)> FilterCases = new()
    {
        ["no filter selects all"] = (DlqSelection.All, ["a", "b", "c", "d", "0f", "e"]),
        ["fromDate inclusive"] = (new() { FromDate = T.AddSeconds(1) }, ["b", "c", "d", "0f", "e"]),
        ["toDate inclusive"] = (new() { ToDate = T.AddSeconds(3) }, ["a", "b", "c", "d"]),
        ["date range"] = (new() { FromDate = T.AddSeconds(1), ToDate = T.AddSeconds(3) }, ["b", "c", "d"]),
        ["one-instant range"] = (new() { FromDate = T.AddSeconds(4), ToDate = T.AddSeconds(4) }, ["0f", "e"]),
        ["empty range"] = (new() { FromDate = T.AddSeconds(10) }, []),
        ["workflowUrl"] = (new() { WorkflowUrls = [Seed.Orders] }, ["a", "b", "0f"]),
        ["workflowUrls OR"] = (new() { WorkflowUrls = [Seed.Billing, Seed.Orders] }, ["a", "b", "c", "d", "0f"]),
        ["workflowUrl unknown"] = (new() { WorkflowUrls = ["https://example.com/nope"] }, []),
        ["workflowRunId exact"] = (new() { WorkflowRunId = "wfr_beta1" }, ["c"]),
        ["workflowRunId prefix"] = (new() { WorkflowRunId = "wfr_alpha" }, ["a", "b", "0f"]),
        ["workflowCreatedAt"] = (new() { WorkflowCreatedAt = GammaCreatedAt }, ["e"]),
        ["label"] = (new() { Labels = ["billing"] }, ["a", "b"]),
        ["labels OR"] = (new() { Labels = ["billing", "ops"] }, ["a", "b", "0f", "e"]),
        ["flowControlKey"] = (new() { FlowControlKeys = ["tenant-a"] }, ["a", "c", "0f"]),
        ["flowControlKeys OR"] = (new() { FlowControlKeys = ["tenant-a", "tenant-b"] }, ["a", "b", "c", "0f"]),
        ["callerIp"] = (new() { CallerIps = ["10.0.0.2"] }, ["b", "e"]),
        ["callerIps OR"] = (new() { CallerIps = ["10.0.0.2", "10.0.0.3"] }, ["b", "d", "e"]),
        ["failureCallbackState"] = (new() { FailureCallbackStates = [CallbackState.Fail] }, ["a", "0f"]),
        ["failureCallbackStates OR"] = (new() { FailureCallbackStates = [CallbackState.Fail, CallbackState.Success] }, ["a", "b", "0f"]),
        ["url AND label"] = (new() { WorkflowUrls = [Seed.Orders], Labels = ["ops"] }, ["0f"]),
        ["urls AND key AND fromDate"] = (new() { WorkflowUrls = [Seed.Orders, Seed.Billing], FlowControlKeys = ["tenant-a"], FromDate = T.AddSeconds(1) }, ["c", "0f"]),
        ["label AND callerIp"] = (new() { Labels = ["eu"], CallerIps = ["10.0.0.1"] }, ["c"]),
        ["run prefix AND callback state"] = (new() { WorkflowRunId = "wfr_alpha", FailureCallbackStates = [CallbackState.Success] }, ["b"]),
        ["dlqIds ignore every other filter"] = (new() { DlqIds = ["dlq-e", "dlq-a", "dlq-missing"], WorkflowUrls = [Seed.Billing] }, ["a", "e"]),
    };

    /// <summary>
    /// Checks that the engine beside the suite is the one it was built with: the suite drives the engine's writes
    /// (<see cref="DlqStoreWrites"/>) over the store, so the two packages go together at one version.
    /// </summary>
    /// <exception cref="InvalidOperationException">The test project references another version of BulkResume.Engine.</exception>
    protected DlqStoreConformanceTests()
    {
        Version? engine = typeof(DlqEngine).Assembly.GetName().Version;
        Version? suite = typeof(DlqStoreConformanceTests).Assembly.GetName().Version;
        if (engine != suite)
        {
            throw new InvalidOperationException(
                $"BulkResume.Engine.StoreConformance {suite} judges stores with BulkResume.Engine {suite}, but this test project references BulkResume.Engine {engine}. Reference the same version of both packages.");
        }
    }

    public static TheoryData<string> FilterCaseNames => new(FilterCases.Keys);

    private readonly List<IDlqStore> _stores = [];

    /// <summary>A fresh, empty store; the suite disposes it after the test when it is <see cref="IAsyncDisposable"/> or <see cref="IDisposable"/>.</summary>
    protected abstract IDlqStore CreateStore();

    /// <summary>A new store over what <paramref name="store"/> stored, as a process restarted on the same file or database opens it.</summary>
    /// <param name="store">A store <see cref="CreateStore"/> made; it is still open.</param>
    /// <returns>The store opened again.</returns>
    /// <remarks>
    /// By default <paramref name="store"/> itself, for a store whose data lives only as long as the object; a durable
    /// store overrides it. The suite disposes the store returned after the test.
    /// </remarks>
    protected virtual IDlqStore ReopenStore(IDlqStore store) => store;

    /// <summary>Runs before each test; nothing by default.</summary>
    public virtual Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Disposes every store the test created, the last first.</summary>
    /// <remarks>An override calls this too.</remarks>
    public virtual async Task DisposeAsync()
    {
        for (int i = _stores.Count - 1; i >= 0; i--)
        {
            switch (_stores[i])
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }

        _stores.Clear();
    }

    /// <summary>The writes the engine makes to <paramref name="store"/>: the algorithm every store runs under.</summary>
    private static DlqStoreWrites Writes(IDlqStore store) => new(store);

    private IDlqStore NewStore()
    {
        IDlqStore store = CreateStore();
        _stores.Add(store);
        return store;
    }

    private IDlqStore Reopen(IDlqStore store)
    {
        IDlqStore reopened = ReopenStore(store);
        if (!ReferenceEquals(reopened, store))
        {
            _stores.Add(reopened);
        }

        return reopened;
    }

    [SkippableTheory]
    [MemberData(nameof(FilterCaseNames))]
    public async Task Query_selects_by_filters_OR_within_AND_across(string name)
    {
        IDlqStore store = NewStore();
        await Writes(store).AddAsync(Filterable);
        (DlqSelection selection, string[] expected) = FilterCases[name];

        IReadOnlyList<DlqEntry> page = await store.QueryAsync(new DlqQuery(selection, null, 100));

        Assert.Equal(expected.Select(id => "dlq-" + id), page.Ids());
    }

    [SkippableTheory]
    [MemberData(nameof(FilterCaseNames))]
    public async Task Query_pages_one_at_a_time_give_the_same_entries(string name)
    {
        IDlqStore store = NewStore();
        await Writes(store).AddAsync(Filterable);
        (DlqSelection selection, string[] expected) = FilterCases[name];

        List<DlqEntry> all = await ReadAllAsync(store, selection, pageSize: 1);

        Assert.Equal(expected.Select(id => "dlq-" + id), all.Ids());
    }

    [SkippableTheory]
    [InlineData(7, 10)]
    [InlineData(10, 10)]
    [InlineData(15, 10)]
    [InlineData(95, 10)]
    public async Task Paging_visits_every_entry_once_in_key_order(int count, int pageSize)
    {
        IDlqStore store = NewStore();
        IReadOnlyList<DlqEntry> entries = Seed.Entries(count);
        await Writes(store).AddAsync(entries.Reverse().ToArray());

        List<DlqEntry> all = await ReadAllAsync(store, DlqSelection.All, pageSize);

        Assert.Equal(entries.Ids(), all.Ids());
    }

    [SkippableFact]
    public async Task Paging_with_url_and_date_range_merges_urls_in_key_order()
    {
        IDlqStore store = NewStore();
        await Writes(store).AddAsync([.. Seed.Entries(30, Seed.Orders), .. Seed.Entries(30, Seed.Billing, firstIndex: 1000), .. Seed.Entries(30, Seed.Shipping, firstIndex: 2000)]);
        var selection = new DlqSelection
        {
            WorkflowUrls = [Seed.Shipping, Seed.Orders],
            FromDate = T.AddSeconds(5),
            ToDate = T.AddSeconds(2010),
        };

        List<DlqEntry> all = await ReadAllAsync(store, selection, pageSize: 4);

        string[] expected = [.. Enumerable.Range(5, 25).Select(i => $"dlq-{i:D5}"), .. Enumerable.Range(2000, 11).Select(i => $"dlq-{i:D5}")];
        Assert.Equal(expected, all.Ids());
    }

    [SkippableFact]
    public async Task Entries_added_or_taken_between_pages_are_neither_skipped_nor_repeated_after_the_cursor()
    {
        IDlqStore store = NewStore();
        await Writes(store).AddAsync(Seed.Entries(20));
        IReadOnlyList<DlqEntry> first = await store.QueryAsync(new DlqQuery(DlqSelection.All, null, 5));
        DlqKey cursor = DlqKey.Of(first[^1]);

        // Before the cursor (already visited: must not reappear), after it (must appear), and taken after it (must not).
        await Writes(store).AddAsync([
            FailedRun.For(Seed.Orders).WithDlqId("dlq-before").FailedAt(T.AddSeconds(2)).Build(),
            FailedRun.For(Seed.Orders).WithDlqId("dlq-after").FailedAt(T.AddSeconds(12)).Build(),
            FailedRun.For(Seed.Orders).WithDlqId("dlq-tie").FailedAt(first[^1].CreatedAt).Build(),
        ]);
        await Writes(store).TakeAsync(["dlq-00007", "dlq-00015"], allOrNothing: true, static _ => null);

        List<DlqEntry> rest = await ReadAllAsync(store, DlqSelection.All, pageSize: 3, after: cursor);

        string[] expected =
        [
            .. Enumerable.Range(5, 15).Where(i => i is not 7 and not 15).Select(i => $"dlq-{i:D5}"),
            "dlq-after", "dlq-tie",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), rest.Ids().Order(StringComparer.Ordinal));
        Assert.Equal(rest.Count, rest.Ids().Distinct().Count());
        Assert.Equal(rest.OrderBy(DlqKey.Of).Ids(), rest.Ids());
        Assert.DoesNotContain("dlq-before", rest.Ids());
    }

    [SkippableFact]
    public async Task Add_records_the_failed_run_of_each_entry()
    {
        IDlqStore store = NewStore();
        DlqEntry entry = FailedRun.For(Seed.Orders).WithDlqId("dlq-1").WithRunId("wfr_one").FailedAtStep(2, of: 3)
            .WithFlowControlKey("tenant-a", parallelism: 2).WithMaxRetries(5).Build();

        await Writes(store).AddAsync([entry]);

        Assert.Equal(entry, await store.GetAsync("dlq-1"));
        RunRecord? run = await store.GetRunAsync("wfr_one");
        Assert.NotNull(run);
        Assert.Equal(RunState.Failed, run.State);
        Assert.Equal("dlq-1", run.DlqId);
        Assert.Equal(entry.CreatedAt, run.CompletedAt);
        Assert.Equal("tenant-a", run.FlowControlKey);

        // Its steps and configuration, which only the stored document carries, are the reference store's.
        IDlqStore reference = new InMemoryDlqStore();
        await Writes(reference).AddAsync([entry]);
        Assert.Equal(await reference.GetRunAsync("wfr_one"), run);
    }

    [SkippableFact]
    public async Task Add_of_a_resumed_run_that_fails_again_keeps_its_origin()
    {
        IDlqStore store = NewStore();
        await store.SaveRunAsync(new RunRecord
        {
            WorkflowRunId = "wfr_resumed",
            WorkflowUrl = Seed.Orders,
            State = RunState.Started,
            CreatedAt = T,
            Origin = WorkflowRunOrigin.Resumed,
            SourceDlqId = "dlq-old",
        });

        await Writes(store).AddAsync([FailedRun.For(Seed.Orders).WithDlqId("dlq-new").WithRunId("wfr_resumed").Build()]);

        RunRecord? run = await store.GetRunAsync("wfr_resumed");
        Assert.Equal((RunState.Failed, WorkflowRunOrigin.Resumed, "dlq-old", "dlq-new"), (run!.State, run.Origin, run.SourceDlqId, run.DlqId));
    }

    [SkippableFact]
    public async Task Add_with_an_id_already_in_the_DLQ_or_given_twice_adds_nothing()
    {
        IDlqStore store = NewStore();
        await Writes(store).AddAsync(Seed.Entries(2));

        var existing = await Assert.ThrowsAsync<ArgumentException>(async () => await Writes(store).AddAsync([.. Seed.Entries(1, firstIndex: 10), .. Seed.Entries(1)]));
        var twice = await Assert.ThrowsAsync<ArgumentException>(async () => await Writes(store).AddAsync([.. Seed.Entries(1, firstIndex: 20), .. Seed.Entries(1, firstIndex: 20)]));

        Assert.Equal("entries", existing.ParamName);
        Assert.Equal("entries", twice.ParamName);
        Assert.Equal(2, (await store.GetStatisticsAsync()).DlqEntryCount);
        Assert.Null(await store.GetAsync("dlq-00010"));
    }

    [SkippableFact]
    public async Task Reset_empties_the_dlq_and_the_run_log_and_the_store_stays_usable()
    {
        IDlqStore store = NewStore();
        var resettable = Assert.IsAssignableFrom<IResettableDlqStore>(store);
        await Writes(store).AddAsync(Seed.Entries(5));
        await Writes(store).TakeAsync(["dlq-00001"], allOrNothing: true, ResumedRun);

        await resettable.ResetAsync();

        DlqStoreStatistics empty = await store.GetStatisticsAsync();
        Assert.Equal(0, empty.DlqEntryCount);
        Assert.All(empty.RunsByState.Values, count => Assert.Equal(0, count));
        Assert.Empty(await store.QueryAsync(new DlqQuery(new DlqSelection { Labels = ["billing", "eu", "ops"] }, null, 10)));
        await Writes(store).AddAsync(Seed.Entries(2));
        Assert.Equal(2, (await store.GetStatisticsAsync()).DlqEntryCount);
    }

    [SkippableFact]
    public async Task Update_replaces_the_entry_in_place_and_reports_a_missing_id_as_null()
    {
        IDlqStore store = NewStore();
        await Writes(store).AddAsync(Seed.Entries(2));
        DlqEntry? updated = await Writes(store).UpdateAsync("dlq-00001", entry => entry with { FlowControlKey = "tenant-z" });
        DlqEntry? missing = await Writes(store).UpdateAsync("dlq-nope", entry => entry with { FlowControlKey = "tenant-z" });

        Assert.Equal("tenant-z", updated?.FlowControlKey);
        Assert.Equal("tenant-z", (await store.GetAsync("dlq-00001"))?.FlowControlKey);
        Assert.Null(missing);
        IReadOnlyList<DlqEntry> page = await store.QueryAsync(new DlqQuery(new DlqSelection { FlowControlKeys = ["tenant-z"] }, null, 10));
        Assert.Equal(["dlq-00001"], page.Select(entry => entry.DlqId));
        Assert.Equal(2, (await store.GetStatisticsAsync()).DlqEntryCount);
    }

    [SkippableFact]
    public async Task Update_that_moves_the_entry_is_refused_and_changes_nothing()
    {
        IDlqStore store = NewStore();
        await Writes(store).AddAsync(Seed.Entries(1));
        DlqEntry before = (await store.GetAsync("dlq-00000"))!;

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await Writes(store).UpdateAsync("dlq-00000", entry => entry with { CreatedAt = entry.CreatedAt.AddDays(1), MaxRetries = 99 }));

        DlqEntry after = (await store.GetAsync("dlq-00000"))!;
        Assert.Equal(before.MaxRetries, after.MaxRetries);
        Assert.Equal(before.CreatedAt, after.CreatedAt);
    }

    [SkippableFact]
    public async Task Concurrent_updates_of_one_entry_are_serialized()
    {
        IDlqStore store = NewStore();
        await Writes(store).AddAsync(Seed.Entries(1));
        int start = (await store.GetAsync("dlq-00000"))!.MaxRetries;

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (int i = 0; i < 25; i++)
            {
                await Writes(store).UpdateAsync("dlq-00000", entry => entry with { MaxRetries = entry.MaxRetries + 1 });
            }
        })));

        Assert.Equal(start + 200, (await store.GetAsync("dlq-00000"))!.MaxRetries);
    }

    [SkippableFact]
    public async Task Take_removes_the_entries_and_stores_the_runs_they_make()
    {
        IDlqStore store = NewStore();
        await Writes(store).AddAsync(Seed.Entries(3));

        DlqTakeResult result = await Writes(store).TakeAsync(["dlq-00002", "dlq-00000"], allOrNothing: true, ResumedRun);

        Assert.Empty(result.Missing);
        Assert.Equal(["dlq-00002", "dlq-00000"], result.Taken.Select(taken => taken.Entry.DlqId));
        Assert.Null(await store.GetAsync("dlq-00000"));
        Assert.NotNull(await store.GetAsync("dlq-00001"));
        Assert.Equal(result.Taken[0].Run, await store.GetRunAsync("wfr_new_dlq-00002"));
    }

    [SkippableFact]
    public async Task A_resumed_run_carries_its_kept_steps_with_the_retries_they_ran_with_not_its_own()
    {
        IDlqStore store = NewStore();
        var engine = new DlqEngine(store);

        // Steps stored without retries of their own, as every store held them before steps recorded theirs: they ran
        // with the entry's.
        await engine.DeadLetterAsync(FailedRun.For(Seed.Orders).WithDlqId("dlq-kept").WithMaxRetries(2).FailedAtStep(3, of: 3).Build());
        string runId = await ResumeAsync(engine, "dlq-kept", new KeyValuePair<string, IReadOnlyList<string>>("Upstash-Retries", ["9"]));

        // The run logs show a step's own retries, else its run's (9 here).
        DlqApiResponse logs = await GetAsync(new DlqHttpApi(engine, "token"), "/v2/workflows/logs", new("workflowRunId", [runId]));
        JsonElement steps = JsonDocument.Parse(logs.Body).RootElement.GetProperty("runs")[0].GetProperty("steps");
        Assert.Equal(
            [("init", null), ("step-1", 2), ("step-2", 2)],
            steps.EnumerateArray().SelectMany(group => group.GetProperty("steps").EnumerateArray())
                .Select(step => (step.GetProperty("stepName").GetString(), step.TryGetProperty("retries", out JsonElement retries) ? retries.GetInt32() : (int?)null)));
    }

    [SkippableFact]
    public async Task Take_all_or_nothing_with_a_missing_id_changes_nothing()
    {
        IDlqStore store = NewStore();
        await Writes(store).AddAsync(Seed.Entries(3));

        DlqTakeResult result = await Writes(store).TakeAsync(["dlq-00001", "dlq-nope", "dlq-gone"], allOrNothing: true, ResumedRun);

        Assert.Empty(result.Taken);
        Assert.Equal(["dlq-nope", "dlq-gone"], result.Missing);
        Assert.Equal(3, (await store.GetStatisticsAsync()).DlqEntryCount);
        Assert.Null(await store.GetRunAsync("wfr_new_dlq-00001"));
    }

    [SkippableFact]
    public async Task Take_of_available_ids_takes_those_present_and_reports_the_rest_missing()
    {
        IDlqStore store = NewStore();
        await Writes(store).AddAsync(Seed.Entries(3));

        DlqTakeResult result = await Writes(store).TakeAsync(["dlq-nope", "dlq-00001", "dlq-00001"], allOrNothing: false, ResumedRun);

        Assert.Equal(["dlq-00001"], result.Taken.Select(taken => taken.Entry.DlqId));
        Assert.Equal(["dlq-nope"], result.Missing);
        Assert.Equal(2, (await store.GetStatisticsAsync()).DlqEntryCount);
    }

    [SkippableTheory]
    [MemberData(nameof(FilterCaseNames))]
    public async Task Take_page_takes_what_the_query_selects_page_by_page_and_stores_their_runs(string name)
    {
        IDlqStore store = NewStore();
        await Writes(store).AddAsync(Filterable);
        (DlqSelection selection, string[] expected) = FilterCases[name];

        var taken = new List<TakenEntry>();
        var nexts = new List<DlqKey?>();
        DlqKey? after = null;
        do
        {
            DlqTakenPage page = await Writes(store).TakePageAsync(new DlqQuery(selection, after, 2), ResumedRun);
            Assert.InRange(page.Taken.Count, 0, 2);
            taken.AddRange(page.Taken);
            nexts.Add(page.Next);
            after = page.Next;
        }
        while (after is not null);

        string[] expectedIds = expected.Select(id => "dlq-" + id).ToArray();
        Assert.Equal(expectedIds, taken.Select(item => item.Entry.DlqId));
        // A next position after every full page but the last: the page that ends the selection says so.
        Assert.Equal(Math.Max(1, (expectedIds.Length + 1) / 2), nexts.Count);
        Assert.Equal(taken.Chunk(2).SkipLast(1).Select(chunk => (DlqKey?)DlqKey.Of(chunk[^1].Entry)), nexts.SkipLast(1));
        Assert.Equal(Filterable.Length - expectedIds.Length, (await store.GetStatisticsAsync()).DlqEntryCount);
        foreach (string id in expectedIds)
        {
            Assert.Null(await store.GetAsync(id));
            Assert.Equal(RunState.Started, (await store.GetRunAsync("wfr_new_" + id))?.State);
        }
    }

    [SkippableFact]
    public async Task Take_page_of_a_selection_that_ends_exactly_at_the_limit_has_no_next()
    {
        IDlqStore store = NewStore();
        await Writes(store).AddAsync(Seed.Entries(4));

        DlqTakenPage first = await Writes(store).TakePageAsync(new DlqQuery(DlqSelection.All, null, 3), ResumedRun);
        DlqTakenPage last = await Writes(store).TakePageAsync(new DlqQuery(DlqSelection.All, first.Next, 1), ResumedRun);
        DlqTakenPage none = await Writes(store).TakePageAsync(new DlqQuery(DlqSelection.All, null, 5), ResumedRun);

        Assert.Equal(["dlq-00000", "dlq-00001", "dlq-00002"], first.Taken.Select(item => item.Entry.DlqId));
        Assert.Equal(DlqKey.Of(first.Taken[^1].Entry), first.Next);
        Assert.Equal(["dlq-00003"], last.Taken.Select(item => item.Entry.DlqId));
        Assert.Null(last.Next);
        Assert.Empty(none.Taken);
        Assert.Null(none.Next);
    }

    [SkippableFact]
    public async Task Take_page_sees_each_entry_as_it_is_now_and_leaves_one_changed_so_that_it_no_longer_matches()
    {
        IDlqStore store = NewStore();
        await Writes(store).AddAsync(Filterable);
        var failed = new DlqSelection { FailureCallbackStates = [CallbackState.Fail] };
        // A callback retry moves dlq-a to in progress before the take, as a user's retry does.
        DlqApiResponse retried = await new DlqHttpApi(new DlqEngine(store), "token").HandleAsync(
            new DlqApiRequest("POST", "/v2/workflows/dlq/callback/dlq-a", headers: [new("Authorization", ["Bearer token"])]));
        Assert.True(retried.Status == 200, Encoding.UTF8.GetString(retried.Body.Span));

        DlqTakenPage page = await Writes(store).TakePageAsync(new DlqQuery(failed, null, 50), ResumedRun);

        Assert.Equal(["dlq-0f"], page.Taken.Select(item => item.Entry.DlqId));
        Assert.Null(page.Next);
        Assert.Equal(CallbackState.InProgress, (await store.GetAsync("dlq-a"))?.FailureCallbackState);
        Assert.Null(await store.GetRunAsync("wfr_new_dlq-a"));
        Assert.Equal(Filterable.Length - 1, (await store.GetStatisticsAsync()).DlqEntryCount);
    }

    [SkippableFact]
    public async Task Take_page_whose_run_maker_throws_changes_nothing()
    {
        IDlqStore store = NewStore();
        await Writes(store).AddAsync(Seed.Entries(3));

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await Writes(store).TakePageAsync(
            new DlqQuery(DlqSelection.All, null, 3),
            entry => entry.DlqId == "dlq-00001" ? throw new InvalidOperationException("boom") : ResumedRun(entry)));

        Assert.Equal(3, (await store.GetStatisticsAsync()).DlqEntryCount);
        Assert.Null(await store.GetRunAsync("wfr_new_dlq-00000"));
    }

    [SkippableFact]
    public async Task Concurrent_page_takers_of_one_selection_take_each_entry_exactly_once()
    {
        IDlqStore store = NewStore();
        IReadOnlyList<DlqEntry> entries = Seed.Entries(500);
        await Writes(store).AddAsync(entries);

        List<TakenEntry>[] results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            var taken = new List<TakenEntry>();
            DlqKey? after = null;
            do
            {
                DlqTakenPage page = await Writes(store).TakePageAsync(new DlqQuery(DlqSelection.All, after, 20), ResumedRun);
                taken.AddRange(page.Taken);
                after = page.Next;
            }
            while (after is not null);

            return taken;
        })));

        string[] taken = results.SelectMany(result => result).Select(item => item.Entry.DlqId).ToArray();
        Assert.Equal(entries.Ids().Order(StringComparer.Ordinal), taken.Order(StringComparer.Ordinal));
        Assert.Equal(0, (await store.GetStatisticsAsync()).DlqEntryCount);
    }

    [SkippableFact]
    public async Task Take_whose_run_maker_throws_changes_nothing()
    {
        IDlqStore store = NewStore();
        await Writes(store).AddAsync(Seed.Entries(3));

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await Writes(store).TakeAsync(
            ["dlq-00000", "dlq-00001"],
            allOrNothing: false,
            entry => entry.DlqId == "dlq-00001" ? throw new InvalidOperationException("boom") : ResumedRun(entry)));

        Assert.Equal(3, (await store.GetStatisticsAsync()).DlqEntryCount);
        Assert.Null(await store.GetRunAsync("wfr_new_dlq-00000"));
    }

    [SkippableFact]
    public async Task Delete_removes_entries_without_making_runs()
    {
        IDlqStore store = NewStore();
        await Writes(store).AddAsync(Seed.Entries(2));

        DlqTakeResult result = await Writes(store).TakeAsync(["dlq-00000"], allOrNothing: true, static _ => null);

        Assert.Null(Assert.Single(result.Taken).Run);
        DlqStoreStatistics statistics = await store.GetStatisticsAsync();
        Assert.Equal(1, statistics.DlqEntryCount);
        Assert.Equal(2, statistics.RunsByState[RunState.Failed]);
    }

    [SkippableFact]
    public async Task Concurrent_takes_of_the_same_entries_take_each_exactly_once()
    {
        IDlqStore store = NewStore();
        IReadOnlyList<DlqEntry> entries = Seed.Entries(500);
        await Writes(store).AddAsync(entries);
        string[] ids = entries.Ids().ToArray();

        List<TakenEntry>[] results = await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            var taken = new List<TakenEntry>();
            foreach (string[] chunk in ids.Skip(worker * 37).Concat(ids.Take(worker * 37)).Chunk(25))
            {
                taken.AddRange((await Writes(store).TakeAsync(chunk, allOrNothing: false, ResumedRun)).Taken);
            }

            return taken;
        })));

        string[] taken = results.SelectMany(result => result).Select(item => item.Entry.DlqId).ToArray();
        Assert.Equal(ids.Length, taken.Length);
        Assert.Equal(ids.Order(StringComparer.Ordinal), taken.Order(StringComparer.Ordinal));
        Assert.Equal(0, (await store.GetStatisticsAsync()).DlqEntryCount);
    }

    [SkippableFact]
    public async Task Cancel_run_ends_a_run_in_progress_once_and_refuses_a_finished_or_unknown_one()
    {
        IDlqStore store = NewStore();
        await store.SaveRunAsync(Run("wfr_a", Seed.Orders, RunState.Started, 0, [], null, null));
        await store.SaveRunAsync(Run("wfr_b", Seed.Orders, RunState.Success, 1, [], null, null));
        var engine = new DlqEngine(store);
        DateTimeOffset before = DateTimeOffset.UtcNow;

        RunRecord canceled = await engine.CancelRunAsync("wfr_a");
        DlqEngineException again = await Assert.ThrowsAsync<DlqEngineException>(() => engine.CancelRunAsync("wfr_a").AsTask());
        DlqEngineException finished = await Assert.ThrowsAsync<DlqEngineException>(() => engine.CancelRunAsync("wfr_b").AsTask());
        DlqEngineException unknown = await Assert.ThrowsAsync<DlqEngineException>(() => engine.CancelRunAsync("wfr_zzz").AsTask());

        RunRecord stored = (await store.GetRunAsync("wfr_a"))!;
        Assert.Equal((RunState.Canceled, RunState.Canceled), (canceled.State, stored.State));
        Assert.True(stored.CompletedAt >= before.AddMilliseconds(-1), $"completed at {stored.CompletedAt}, canceled after {before}");
        Assert.Equal((400, 400, 404), (again.StatusCode, finished.StatusCode, unknown.StatusCode));
        Assert.Contains("RUN_SUCCESS", finished.Message, StringComparison.Ordinal);
        Assert.Equal(RunState.Success, (await store.GetRunAsync("wfr_b"))!.State);
    }

    [SkippableFact]
    public async Task Cancel_runs_cancels_every_selected_run_in_progress_page_after_page_up_to_the_count()
    {
        IDlqStore store = NewStore();
        for (int i = 0; i < 260; i++)
        {
            // Every third run has finished, every other one is of another workflow.
            await store.SaveRunAsync(Run($"wfr_{i:D4}", i % 2 == 0 ? Seed.Orders : Seed.Billing, i % 3 == 0 ? RunState.Success : RunState.Started, i, [], null, null));
        }

        var engine = new DlqEngine(store);
        string[] selected = Enumerable.Range(0, 260).Where(i => i % 2 == 0 && i % 3 != 0).Select(i => $"wfr_{i:D4}").ToArray();

        int capped = await engine.CancelRunsAsync(new RunSelection { WorkflowUrl = Seed.Orders }, count: 5);
        int rest = await engine.CancelRunsAsync(new RunSelection { WorkflowUrl = Seed.Orders });
        int none = await engine.CancelRunsAsync(new RunSelection { WorkflowUrl = Seed.Orders });

        IReadOnlyList<RunRecord> canceled = await store.QueryRunsAsync(new RunQuery(new RunSelection { State = RunState.Canceled }, null, 1000));
        Assert.Equal((5, selected.Length - 5, 0), (capped, rest, none));
        Assert.Equal(selected, canceled.Select(run => run.WorkflowRunId));
        Assert.Equal(87, (await store.QueryRunsAsync(new RunQuery(new RunSelection { State = RunState.Success }, null, 1000))).Count);
    }

    [SkippableFact]
    public async Task Concurrent_cancels_cancel_each_run_once_and_count_it_once()
    {
        IDlqStore store = NewStore();
        string[] ids = Enumerable.Range(0, 300).Select(i => $"wfr_{i:D4}").ToArray();
        foreach (string id in ids)
        {
            await store.SaveRunAsync(Run(id, Seed.Orders, RunState.Started, 0, [], null, null));
        }

        var engine = new DlqEngine(store);
        int[] counts = await Task.WhenAll(Enumerable.Range(0, 6).Select(worker => Task.Run(async () => worker % 2 == 0
            ? await engine.CancelRunsAsync(RunSelection.All)
            : await engine.CancelRunsAsync(new RunSelection { WorkflowUrl = Seed.Orders }, count: 1000))));
        int[] ones = await Task.WhenAll(ids.Take(20).Select(id => Task.Run(async () =>
        {
            try
            {
                await engine.CancelRunAsync(id);
                return 1;
            }
            catch (DlqEngineException exception) when (exception.StatusCode == 400)
            {
                return 0;
            }
        })));

        Assert.Equal(ids.Length, counts.Sum() + ones.Sum());
        Assert.Equal(ids.Length, (await store.QueryRunsAsync(new RunQuery(new RunSelection { State = RunState.Canceled }, null, 1000))).Count);
    }

    [SkippableFact]
    public async Task Bulk_cancel_over_HTTP_matches_urls_as_prefixes_or_exactly_and_leaves_the_rest()
    {
        IDlqStore store = NewStore();
        string[] urls = [Seed.Orders, Seed.Orders + "-v2", Seed.Billing, Seed.Shipping];
        for (int i = 0; i < urls.Length; i++)
        {
            await store.SaveRunAsync(Run($"wfr_{i}", urls[i], RunState.Started, i, ["eu"], "tenant-a", "10.0.0.1"));
        }

        var api = new DlqHttpApi(new DlqEngine(store), "token");
        DlqApiResponse exact = await CancelAsync(api, ("workflowUrl", Seed.Orders), ("workflowUrlExactMatch", "true"));
        DlqApiResponse prefixes = await CancelAsync(api, ("workflowUrl", Seed.Orders[..^2] + "," + Seed.Billing[..^2]), ("callerIp", "10.0.0.1,10.0.0.9"));

        Assert.Equal((200, """{"cancelled":1}"""), (exact.Status, Encoding.UTF8.GetString(exact.Body.Span)));
        Assert.Equal((200, """{"cancelled":2}"""), (prefixes.Status, Encoding.UTF8.GetString(prefixes.Body.Span)));
        IReadOnlyList<RunRecord> left = await store.QueryRunsAsync(new RunQuery(new RunSelection { State = RunState.Started }, null, 10));
        Assert.Equal(["wfr_3"], left.Select(run => run.WorkflowRunId));
    }

    private static ValueTask<DlqApiResponse> CancelAsync(DlqHttpApi api, params (string Name, string Value)[] query) =>
        api.HandleAsync(new DlqApiRequest(
            "DELETE",
            "/v2/workflows/runs",
            query.Select(parameter => new KeyValuePair<string, IReadOnlyList<string>>(parameter.Name, [parameter.Value])),
            [new("Authorization", ["Bearer token"])]));

    [SkippableFact]
    public async Task An_undefined_state_given_in_process_is_refused_naming_it_and_nothing_changes()
    {
        IDlqStore store = NewStore();
        await Writes(store).AddAsync(Seed.Entries(2));

        ArgumentException[] refused =
        [
            await Assert.ThrowsAnyAsync<ArgumentException>(() => store.QueryRunsAsync(new RunQuery(new RunSelection { State = (RunState)99 }, null, 10)).AsTask()),
            await Assert.ThrowsAnyAsync<ArgumentException>(() => store.QueryAsync(new DlqQuery(new DlqSelection { FailureCallbackStates = [CallbackState.Fail, (CallbackState)99] }, null, 10)).AsTask()),
            await Assert.ThrowsAnyAsync<ArgumentException>(() => store.SaveRunAsync(new RunRecord { WorkflowRunId = "wfr_x", WorkflowUrl = Seed.Orders, State = (RunState)99, CreatedAt = T }).AsTask()),
            await Assert.ThrowsAnyAsync<ArgumentException>(() => store.SaveRunAsync(new RunRecord { WorkflowRunId = "wfr_y", WorkflowUrl = Seed.Orders, State = RunState.Started, CreatedAt = T, Origin = (WorkflowRunOrigin)7 }).AsTask()),
            await Assert.ThrowsAnyAsync<ArgumentException>(() => new DlqEngine(store).DeadLetterAsync(FailedRun.For(Seed.Orders).WithFailureCallback("https://shop.example.com/cb", (CallbackState)99).Build()).AsTask()),
        ];

        Assert.Equal(["State", "FailureCallbackStates", "State", "Origin", "state"], refused.Select(error => error.ParamName));
        Assert.All(refused, error => Assert.Contains(" is not a defined ", error.Message, StringComparison.Ordinal));
        Assert.Equal(2, (await store.GetStatisticsAsync()).DlqEntryCount);
        Assert.Null(await store.GetRunAsync("wfr_x"));
        Assert.Null(await store.GetRunAsync("wfr_y"));
    }

    [SkippableFact]
    public async Task Runs_are_saved_read_and_paged_by_id()
    {
        IDlqStore store = NewStore();
        foreach (string id in new[] { "wfr_b2", "wfr_a1", "wfr_b1", "wfr_c", "wfr_b3", "wfr_bb" })
        {
            await store.SaveRunAsync(new RunRecord { WorkflowRunId = id, WorkflowUrl = Seed.Orders, State = RunState.Started, CreatedAt = T });
        }

        await store.SaveRunAsync(new RunRecord { WorkflowRunId = "wfr_c", WorkflowUrl = Seed.Orders, State = RunState.Success, CreatedAt = T });

        IReadOnlyList<RunRecord> firstPage = await store.QueryRunsAsync(new RunQuery(RunSelection.All, null, 2));
        IReadOnlyList<RunRecord> secondPage = await store.QueryRunsAsync(new RunQuery(RunSelection.All, firstPage[^1].WorkflowRunId, 3));
        IReadOnlyList<RunRecord> exact = await store.QueryRunsAsync(new RunQuery(new RunSelection { WorkflowRunId = "wfr_b" }, null, 10));

        Assert.Equal(["wfr_a1", "wfr_b1"], firstPage.Select(run => run.WorkflowRunId));
        Assert.Equal(["wfr_b2", "wfr_b3", "wfr_bb"], secondPage.Select(run => run.WorkflowRunId));
        Assert.Empty(exact);
        Assert.Equal(RunState.Success, (await store.GetRunAsync("wfr_c"))!.State);
        Assert.Null(await store.GetRunAsync("wfr_zzz"));
    }

    [SkippableFact]
    public async Task Concurrent_read_modify_writes_of_one_run_are_serialized_none_is_lost()
    {
        // As parallel steps of one run publish at once: each transaction reads the run, appends, and saves it. A store
        // that let two of them read the same version would lose one append.
        IDlqStore store = NewStore();
        await store.SaveRunAsync(new RunRecord { WorkflowRunId = "wfr_shared", WorkflowUrl = Seed.Orders, State = RunState.Started, CreatedAt = T });

        await Task.WhenAll(Enumerable.Range(0, 8).Select(writer => Task.Run(async () =>
        {
            for (int i = 0; i < 10; i++)
            {
                string label = $"w{writer}-{i}";
                await store.WriteAsync(async transaction =>
                {
                    RunRecord run = (await transaction.GetRunsAsync(["wfr_shared"]))["wfr_shared"];
                    await transaction.SaveRunsAsync([run with { Labels = [.. run.Labels, label] }]);
                    return true;
                });
            }
        })));

        IReadOnlyList<string> labels = (await store.GetRunAsync("wfr_shared"))!.Labels;
        Assert.Equal(80, labels.Count);
        Assert.Equal(80, labels.Distinct(StringComparer.Ordinal).Count());
    }

    /// <summary>Runs that differ in every field the run logs filter on.</summary>
    private static readonly RunRecord[] FilterableRuns =
    [
        Run("wfr_1", Seed.Orders, RunState.Failed, 0, ["eu"], "tenant-a", "10.0.0.1"),
        Run("wfr_2", Seed.Orders, RunState.Success, 1, ["us", "vip"], "tenant-b", "10.0.0.2"),
        Run("wfr_3", Seed.Billing, RunState.Failed, 2, [], null, null),
        Run("wfr_4", Seed.Billing, RunState.Started, 3, ["eu", "vip"], "tenant-a", "10.0.0.2"),
    ];

    private static readonly Dictionary<string, (RunSelection Selection, string[] Expected)> RunFilterCases = new()
    {
        ["no filter selects all"] = (RunSelection.All, ["1", "2", "3", "4"]),
        ["workflowRunId exact"] = (new() { WorkflowRunId = "wfr_3" }, ["3"]),
        ["workflowRunId is not a prefix"] = (new() { WorkflowRunId = "wfr_" }, []),
        ["workflowUrl"] = (new() { WorkflowUrl = Seed.Billing }, ["3", "4"]),
        ["workflowCreatedAt to the millisecond"] = (new() { WorkflowCreatedAt = T.AddSeconds(1).AddTicks(5_000) }, ["2"]),
        ["state"] = (new() { State = RunState.Failed }, ["1", "3"]),
        ["fromDate inclusive"] = (new() { FromDate = T.AddSeconds(1) }, ["2", "3", "4"]),
        ["toDate inclusive"] = (new() { ToDate = T.AddSeconds(2) }, ["1", "2", "3"]),
        ["label"] = (new() { Labels = ["vip"] }, ["2", "4"]),
        ["labels OR"] = (new() { Labels = ["us", "eu"] }, ["1", "2", "4"]),
        ["flowControlKey"] = (new() { FlowControlKey = "tenant-a" }, ["1", "4"]),
        ["callerIp"] = (new() { CallerIp = "10.0.0.2" }, ["2", "4"]),
        ["AND across filters"] = (new() { WorkflowUrl = Seed.Orders, Labels = ["eu", "vip"], State = RunState.Success }, ["2"]),
        ["workflowRuns by id and time, ignoring the rest"] =
            (new() { Runs = [new("wfr_4", T.AddSeconds(3)), new("wfr_1", T), new("wfr_2", T)], WorkflowUrl = "https://example.com/nope" }, ["1", "4"]),
    };

    public static TheoryData<string> RunFilterCaseNames => new(RunFilterCases.Keys);

    [SkippableTheory]
    [MemberData(nameof(RunFilterCaseNames))]
    public async Task Run_queries_select_by_the_run_log_filters(string name)
    {
        IDlqStore store = NewStore();
        foreach (RunRecord run in FilterableRuns)
        {
            await store.SaveRunAsync(run);
        }

        (RunSelection selection, string[] expected) = RunFilterCases[name];

        IReadOnlyList<RunRecord> all = await store.QueryRunsAsync(new RunQuery(selection, null, 100));
        IReadOnlyList<RunRecord> firstOne = await store.QueryRunsAsync(new RunQuery(selection, null, 1));
        IReadOnlyList<RunRecord> afterIt = firstOne.Count == 0 ? [] : await store.QueryRunsAsync(new RunQuery(selection, firstOne[0].WorkflowRunId, 100));

        Assert.Equal(expected.Select(id => "wfr_" + id), all.Select(run => run.WorkflowRunId));
        Assert.Equal(all.Select(run => run.WorkflowRunId), firstOne.Concat(afterIt).Select(run => run.WorkflowRunId));
        Assert.All(all, run => Assert.True(selection.Matches(run)));
    }

    [SkippableFact]
    public async Task A_runs_every_field_is_read_back_as_saved()
    {
        // A run the engine makes from an entry with every field: its configuration, failure callback and steps are
        // only in the stored document, so the reference store's copy of the same run is what must come back.
        DlqEntry entry = FailedRun.For(Seed.Orders).WithDlqId("dlq-full").WithRunId("wfr_full").WithLabels("eu", "vip").WithCallerIp("10.0.0.1")
            .WithFlowControlKey("tenant-a", parallelism: 2, rate: 5, period: TimeSpan.FromMinutes(1)).WithMaxRetries(4)
            .WithFailureCallback("https://shop.example.com/api/failed", CallbackState.Fail)
            .WithStep("init", "Initial", "STEP_SUCCESS", "{}").WithStep("call-bank", "Call", "STEP_RETRY").WithStep("charge", "Run", "STEP_FAILED")
            .Build();
        IDlqStore reference = new InMemoryDlqStore();
        await Writes(reference).AddAsync([entry]);
        RunRecord run = (await reference.GetRunAsync("wfr_full"))! with { State = RunState.Started, CompletedAt = null };

        IDlqStore store = NewStore();
        await store.SaveRunAsync(run);

        Assert.Equal(run, await store.GetRunAsync("wfr_full"));
    }

    private static RunRecord Run(string id, string url, RunState state, int second, string[] labels, string? key, string? callerIp) => new()
    {
        WorkflowRunId = id,
        WorkflowUrl = url,
        State = state,
        CreatedAt = T.AddSeconds(second),
        Labels = labels,
        CallerIp = callerIp,
        FlowControlKey = key,
    };

    [SkippableTheory]
    [InlineData("POST", "/v2/workflows/dlq/resume", "label", "eu\0")]
    [InlineData("DELETE", "/v2/workflows/dlq", "workflowUrl", "https://example.com/\0")]
    [InlineData("POST", "/v2/workflows/dlq/resume", "dlqIds", "dlq-00000\0")]
    [InlineData("GET", "/v2/workflows/logs", "workflowRunId", "wfr_seed00000\0")]
    [InlineData("DELETE", "/v2/workflows/dlq/dlq-00000%00", null, null)]
    public async Task A_NUL_in_a_value_is_a_bad_request_that_never_reaches_the_store(string method, string path, string? parameter, string? value)
    {
        IDlqStore store = NewStore();
        await Writes(store).AddAsync(Seed.Entries(3));
        var api = new DlqHttpApi(new DlqEngine(store), "token");
        var query = parameter is null ? [] : new[] { new KeyValuePair<string, IReadOnlyList<string>>(parameter, [value!]) };

        DlqApiResponse response = await api.HandleAsync(
            new DlqApiRequest(method, path, query, [new("Authorization", ["Bearer token"])]));

        Assert.Equal(400, response.Status);
        Assert.Equal(3, (await store.GetStatisticsAsync()).DlqEntryCount);
    }

    [SkippableFact]
    public async Task Entries_two_engines_generate_ids_for_at_the_same_time_over_one_store_are_both_kept()
    {
        IDlqStore store = NewStore();

        // Two generators are two processes over one database, or one process before and after a restart.
        foreach (var ids in new[] { new DefaultDlqIdGenerator(), new DefaultDlqIdGenerator() })
        {
            await new DlqEngine(store, new DlqEngineOptions { IdGenerator = ids })
                .DeadLetterAsync(FailedRun.For(Seed.Orders).WithIds(ids).FailedAt(T).Build());
        }

        Assert.Equal(2, (await store.GetStatisticsAsync()).DlqEntryCount);
    }

    public static TheoryData<string> LimitedFields => new("dlqId", "workflowRunId", "workflowUrl", "label", "flowControlKey", "callerIP");

    [SkippableTheory]
    [MemberData(nameof(LimitedFields))]
    public async Task A_value_at_its_limit_is_kept_found_and_resumed_and_one_past_it_is_refused(string field)
    {
        IDlqStore store = NewStore();
        var engine = new DlqEngine(store);
        int limit = field == "workflowUrl" ? ValueLimits.MaxWorkflowUrlLength : ValueLimits.MaxIdLength;

        DlqEntry atLimit = WithValue(field, Incompressible(limit));
        await engine.DeadLetterAsync(atLimit);
        ArgumentException refused = await Assert.ThrowsAsync<ArgumentException>(() => engine.DeadLetterAsync(WithValue(field, Incompressible(limit + 1))).AsTask());

        Assert.StartsWith($"entries[0].{(field == "label" ? "labels[0]" : field)} is {limit + 1} characters long", refused.Message, StringComparison.Ordinal);
        Assert.Equal([atLimit.DlqId], (await store.QueryAsync(new DlqQuery(SelectionOf(field, atLimit), null, 10))).Ids());
        Assert.Equal(atLimit.DlqId, (await engine.GetAsync(atLimit.DlqId)).DlqId);
        Assert.Equal(atLimit.WorkflowUrl, (await store.GetRunAsync(await ResumeAsync(engine, atLimit.DlqId)))!.WorkflowUrl);
        Assert.Single((await store.QueryRunsAsync(new RunQuery(new RunSelection { WorkflowUrl = atLimit.WorkflowUrl }, null, 10))).Where(run => run.Origin == WorkflowRunOrigin.Resumed));
        Assert.Equal(0, (await store.GetStatisticsAsync()).DlqEntryCount);
    }

    [SkippableTheory]
    [InlineData("dlqId", "entries[0].dlqId contains a control character")]
    [InlineData("workflowUrl", "entries[0].workflowUrl contains a control character")]
    [InlineData("label", "entries[0].labels[0] contains a control character")]
    [InlineData("body", "entries[0].body contains a NUL")]
    [InlineData("header", "entries[0].header.X-Tenant contains a NUL")]
    [InlineData("step", "entries[0].steps[0].out contains a NUL")]
    public async Task An_entry_with_a_NUL_is_refused_naming_its_field_and_nothing_is_stored(string field, string expected)
    {
        IDlqStore store = NewStore();
        DlqEntry entry = FailedRun.For(Seed.Orders).WithDlqId("dlq-nul").FailedAt(T).Build();
        entry = field switch
        {
            "dlqId" => entry with { DlqId = "dlq\0nul" },
            "workflowUrl" => entry with { WorkflowUrl = Seed.Orders + "\0" },
            "label" => entry with { Labels = ["eu\0"] },
            "body" => entry with { Body = "{\"a\":\"\0\"}" },
            "header" => entry with { Header = new Dictionary<string, IReadOnlyList<string>> { ["X-Tenant"] = ["a\0"] } },
            _ => FailedRun.For(Seed.Orders).WithDlqId("dlq-nul").FailedAt(T).WithStep("init", "Initial", "STEP_SUCCESS", "\0").Build(),
        };

        ArgumentException refused = await Assert.ThrowsAsync<ArgumentException>(() => new DlqEngine(store).DeadLetterAsync(entry).AsTask());

        Assert.StartsWith(expected, refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await store.GetStatisticsAsync()).DlqEntryCount);
    }

    [SkippableTheory]
    [InlineData("/v2/workflows/dlq")]
    [InlineData("/v2/workflows/logs")]
    public async Task A_forged_cursor_holding_a_NUL_is_a_bad_request_that_never_reaches_the_store(string path)
    {
        IDlqStore store = NewStore();
        await Writes(store).AddAsync(Seed.Entries(3));
        var api = new DlqHttpApi(new DlqEngine(store), "token");
        DlqApiResponse first = await GetAsync(api, path, new("count", ["1"]));
        string cursor = JsonDocument.Parse(first.Body).RootElement.GetProperty("cursor").GetString()!;
        string position = path.EndsWith("dlq", StringComparison.Ordinal) ? "dlq-00000" : "wfr_seed00000";

        // The forgery is the cursor's own format with its position's last character replaced: with a letter it is a
        // cursor the API takes, which proves the forgery right; with a NUL it must be refused before any query.
        DlqApiResponse forgedLetter = await GetAsync(api, path, new("cursor", [ReplaceLastIdCharacter(cursor, position, (byte)'x')]));
        DlqApiResponse forgedNul = await GetAsync(api, path, new("cursor", [ReplaceLastIdCharacter(cursor, position, 0)]));

        Assert.Equal(200, forgedLetter.Status);
        Assert.Equal(400, forgedNul.Status);
        Assert.Contains("cursor is not valid", Encoding.UTF8.GetString(forgedNul.Body.Span), StringComparison.Ordinal);
    }

    /// <summary>Resumes one entry as a user does, through the HTTP API, and returns the new run's id.</summary>
    private static async Task<string> ResumeAsync(DlqEngine engine, string dlqId, params KeyValuePair<string, IReadOnlyList<string>>[] headers)
    {
        DlqApiResponse answer = await new DlqHttpApi(engine, "token").HandleAsync(
            new DlqApiRequest("POST", "/v2/workflows/dlq/resume", [new("dlqIds", [dlqId])], [new("Authorization", ["Bearer token"]), .. headers]));
        Assert.True(answer.Status == 200, Encoding.UTF8.GetString(answer.Body.Span));
        return JsonDocument.Parse(answer.Body).RootElement.GetProperty("workflowRuns")[0].GetProperty("workflowRunId").GetString()!;
    }

    private static ValueTask<DlqApiResponse> GetAsync(DlqHttpApi api, string path, KeyValuePair<string, IReadOnlyList<string>> parameter) =>
        api.HandleAsync(new DlqApiRequest("GET", path, [parameter], [new("Authorization", ["Bearer token"])]));

    /// <summary>
    /// The cursor with the last character of the id <paramref name="id"/> it holds replaced by <paramref name="replacement"/>
    /// and sealed again: a cursor is base64url of bytes holding the id's UTF-8 and ending in an 8-byte SHA-256 prefix of
    /// everything before it.
    /// </summary>
    private static string ReplaceLastIdCharacter(string cursor, string id, byte replacement)
    {
        string base64 = cursor.Replace('-', '+').Replace('_', '/');
        byte[] bytes = Convert.FromBase64String(base64 + new string('=', (4 - (base64.Length % 4)) % 4));
        int checksumAt = bytes.Length - 8;
        byte[] idBytes = Encoding.UTF8.GetBytes(id);
        int idAt = bytes.AsSpan(0, checksumAt).IndexOf(idBytes);
        Assert.True(idAt >= 0, $"The cursor does not hold the id {id} it continues after.");
        bytes[idAt + idBytes.Length - 1] = replacement;
        SHA256.HashData(bytes.AsSpan(0, checksumAt))[..8].CopyTo(bytes.AsSpan(checksumAt));
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>
    /// Random characters of three UTF-8 bytes each (the most a UTF-16 character takes), so that neither compression
    /// nor a narrow encoding keeps a store's index rows smaller than the limit allows.
    /// </summary>
    private static string Incompressible(int length)
    {
        var random = new Random(length);
        return string.Create(length, random, static (chars, random) =>
        {
            for (int i = 0; i < chars.Length; i++)
            {
                chars[i] = (char)random.Next(0x4E00, 0x9FFF);
            }
        });
    }

    private static DlqEntry WithValue(string field, string value)
    {
        DlqEntry entry = FailedRun.For(Seed.Orders).WithDlqId("dlq-long").WithRunId("wfr_long").FailedAt(T).Build();
        return field switch
        {
            "dlqId" => entry with { DlqId = value },
            "workflowRunId" => entry with { WorkflowRunId = value },
            "workflowUrl" => entry with { WorkflowUrl = "https://example.com/" + value[20..] },
            "label" => entry with { Labels = [value] },
            "flowControlKey" => entry with { FlowControlKey = value },
            _ => entry with { CallerIp = value },
        };
    }

    private static DlqSelection SelectionOf(string field, DlqEntry entry) => field switch
    {
        "dlqId" => new() { DlqIds = [entry.DlqId] },
        "workflowRunId" => new() { WorkflowRunId = entry.WorkflowRunId },
        "workflowUrl" => new() { WorkflowUrls = [entry.WorkflowUrl] },
        "label" => new() { Labels = entry.Labels },
        "flowControlKey" => new() { FlowControlKeys = [entry.FlowControlKey!] },
        _ => new() { CallerIps = [entry.CallerIp!] },
    };

    [SkippableFact]
    public async Task Statistics_count_entries_and_runs_by_state_and_origin()
    {
        IDlqStore store = NewStore();
        await Writes(store).AddAsync(Seed.Entries(4));
        await Writes(store).TakeAsync(["dlq-00000", "dlq-00001"], allOrNothing: true, ResumedRun);

        DlqStoreStatistics statistics = await store.GetStatisticsAsync();

        Assert.Equal(2, statistics.DlqEntryCount);
        Assert.Equal(new Dictionary<RunState, long> { [RunState.Failed] = 4, [RunState.Started] = 2 }, statistics.RunsByState);
        Assert.Equal(new Dictionary<WorkflowRunOrigin, long> { [WorkflowRunOrigin.Triggered] = 4, [WorkflowRunOrigin.Resumed] = 2 }, statistics.RunsByOrigin);
    }

    private static RunRecord ResumedRun(DlqEntry entry) => new()
    {
        WorkflowRunId = "wfr_new_" + entry.DlqId,
        WorkflowUrl = entry.WorkflowUrl,
        State = RunState.Started,
        CreatedAt = T,
        Origin = WorkflowRunOrigin.Resumed,
        SourceDlqId = entry.DlqId,
    };

    private static async Task<List<DlqEntry>> ReadAllAsync(IDlqStore store, DlqSelection selection, int pageSize, DlqKey? after = null)
    {
        var all = new List<DlqEntry>();
        while (true)
        {
            IReadOnlyList<DlqEntry> page = await store.QueryAsync(new DlqQuery(selection, after, pageSize));
            Assert.True(page.Count <= pageSize);
            all.AddRange(page);
            if (page.Count < pageSize)
            {
                return all;
            }

            after = DlqKey.Of(page[^1]);
        }
    }

    private static DlqEntry Entry(
        string id, string url, int failedSecond, string runId, string[] labels, string? key, string ip,
        CallbackState? callback, DateTimeOffset? createdAt = null)
    {
        FailedRun run = FailedRun.For(url).WithDlqId(id).WithRunId(runId).FailedAt(T.AddSeconds(failedSecond))
            .CreatedAt(createdAt ?? T.AddMinutes(-1)).WithLabels(labels).WithCallerIp(ip);
        if (key is not null)
        {
            run.WithFlowControlKey(key);
        }

        if (callback is { } state)
        {
            run.WithFailureCallback("https://example.com/failed", state);
        }

        return run.Build();
    }
}
