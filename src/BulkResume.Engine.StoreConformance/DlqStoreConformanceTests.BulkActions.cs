using System.Text;
using System.Text.Json;
using BulkResume.Engine.Http;
using BulkResume.Engine.Storage;
using Xunit;

namespace BulkResume.Engine.StoreConformance;

/// <summary>
/// The suite's part on async bulk actions: a store keeps them durably, one unfinished action per key, reads them back
/// newest first, and commits each slice's take (or cancel of runs) with its progress, so every selected entry or run is
/// acted on exactly once.
/// </summary>
public abstract partial class DlqStoreConformanceTests
{
    private const string ResumeBulk = "/v2/workflows/dlq/resume/bulk";
    private const string CancelRuns = "/v2/workflows/runs";

    [SkippableFact]
    public async Task A_bulk_action_acts_on_each_selected_entry_once_and_counts_it()
    {
        IDlqStore store = NewStore();
        await Writes(store).AddAsync([.. Seed.Entries(120), .. Seed.Entries(30, Seed.Billing, firstIndex: 500)]);
        var actions = new BulkActionHarness(store);

        string id = await actions.StartAsync("POST", ResumeBulk, ("workflowUrl", Seed.Orders));
        await actions.Worker.WaitUntilIdleAsync();

        JsonElement action = await actions.GetAsync(id);
        Assert.Equal("FINISHED", action.GetProperty("state").GetString());
        Assert.Equal(120, action.GetProperty("total").GetInt64());
        Assert.Equal(120, action.GetProperty("processed").GetInt64());
        DlqStoreStatistics statistics = await store.GetStatisticsAsync();
        Assert.Equal(30, statistics.DlqEntryCount);
        Assert.Equal(120, statistics.RunsByOrigin.GetValueOrDefault(WorkflowRunOrigin.Resumed));
        Assert.All(await store.QueryAsync(new DlqQuery(DlqSelection.All, null, 100)), entry => Assert.Equal(Seed.Billing, entry.WorkflowUrl));
    }

    [SkippableFact]
    public async Task A_slice_whose_transaction_fails_leaves_both_its_take_and_its_progress_undone()
    {
        IDlqStore inner = NewStore();
        await Writes(inner).AddAsync(Seed.Entries(60));
        var store = new FailingCommitStore(inner);
        var actions = new BulkActionHarness(store);
        string id = await actions.StartAsync("POST", ResumeBulk, ("workflowUrl", Seed.Orders));

        store.FailCommits = true;
        await Assert.ThrowsAsync<FailingCommitStore.CommitFailed>(() => actions.Worker.WaitUntilIdleAsync());

        Assert.Equal(0, (await actions.GetAsync(id)).GetProperty("processed").GetInt64());
        Assert.Equal(60, (await inner.GetStatisticsAsync()).DlqEntryCount);

        store.FailCommits = false;
        await actions.Worker.WaitUntilIdleAsync();
        Assert.Equal(60, (await actions.GetAsync(id)).GetProperty("processed").GetInt64());
        Assert.Equal(60, (await inner.GetStatisticsAsync()).RunsByOrigin.GetValueOrDefault(WorkflowRunOrigin.Resumed));
    }

    [SkippableFact]
    public async Task Workers_of_two_engines_on_one_action_act_on_each_entry_exactly_once()
    {
        IDlqStore store = NewStore();
        await Writes(store).AddAsync(Seed.Entries(400));
        var first = new BulkActionHarness(store);
        var second = new BulkActionHarness(store);
        string id = await first.StartAsync("POST", ResumeBulk);

        await Task.WhenAll(Task.Run(() => first.Worker.WaitUntilIdleAsync()), Task.Run(() => second.Worker.WaitUntilIdleAsync()));

        JsonElement action = await second.GetAsync(id);
        Assert.Equal(400, action.GetProperty("processed").GetInt64());
        Assert.Equal("FINISHED", action.GetProperty("state").GetString());
        DlqStoreStatistics statistics = await store.GetStatisticsAsync();
        Assert.Equal(0, statistics.DlqEntryCount);
        Assert.Equal(400, statistics.RunsByOrigin.GetValueOrDefault(WorkflowRunOrigin.Resumed));
    }

    [SkippableFact]
    public async Task An_identical_request_while_one_runs_returns_it_and_other_overrides_are_refused()
    {
        IDlqStore store = NewStore();
        await Writes(store).AddAsync(Seed.Entries(5));
        var actions = new BulkActionHarness(store);

        string id = await actions.StartAsync("POST", ResumeBulk, ("label", "a,b"), ("workflowUrl", Seed.Orders));
        string again = await actions.StartAsync("POST", ResumeBulk, ("workflowUrl", Seed.Orders), ("label", "b"), ("label", "a"));
        string restart = await actions.StartAsync("POST", "/v2/workflows/dlq/restart/bulk", ("label", "a,b"), ("workflowUrl", Seed.Orders));
        DlqApiResponse other = await actions.SendAsync("POST", ResumeBulk, [new("Upstash-Retries", ["2"])], ("label", "a,b"), ("workflowUrl", Seed.Orders));

        Assert.Equal(id, again);
        Assert.NotEqual(id, restart);
        Assert.Equal(409, other.Status);
        Assert.Contains(id, Encoding.UTF8.GetString(other.Body.Span), StringComparison.Ordinal);

        await actions.Worker.WaitUntilIdleAsync();
        Assert.NotEqual(id, await actions.StartAsync("POST", ResumeBulk, ("label", "a,b"), ("workflowUrl", Seed.Orders)));
    }

    [SkippableFact]
    public async Task Entries_that_fail_after_the_action_was_created_are_not_part_of_it_and_entries_that_left_are_not_counted()
    {
        IDlqStore store = NewStore();
        await Writes(store).AddAsync(Seed.Entries(80));
        var actions = new BulkActionHarness(store);
        string id = await actions.StartAsync("DELETE", "/v2/workflows/dlq/bulk", ("workflowUrl", Seed.Orders));
        await Writes(store).AddAsync(Seed.Entries(7, firstIndex: 100));
        await Writes(store).TakeAsync(["dlq-00003", "dlq-00040"], allOrNothing: true, static _ => null);

        await actions.Worker.WaitUntilIdleAsync();

        JsonElement action = await actions.GetAsync(id);
        Assert.Equal(80, action.GetProperty("total").GetInt64());
        Assert.Equal(78, action.GetProperty("processed").GetInt64());
        Assert.Equal(Enumerable.Range(100, 7).Select(i => $"dlq-{i:D5}"), (await store.QueryAsync(new DlqQuery(DlqSelection.All, null, 100))).Ids());
    }

    [SkippableFact]
    public async Task Actions_are_listed_newest_first_filtered_by_state_page_by_page_and_kept_seven_days()
    {
        IDlqStore store = NewStore();
        await Writes(store).AddAsync(Seed.Entries(3));
        var clock = new SettableClock(T);
        var actions = new BulkActionHarness(store, clock);
        string finished = await actions.StartAsync("POST", ResumeBulk, ("label", "none"));
        await actions.Worker.WaitUntilIdleAsync();
        clock.Now = T.AddMinutes(1);
        string running = await actions.StartAsync("DELETE", "/v2/workflows/dlq/bulk");

        Assert.Equal([running, finished], (await actions.ListAsync(("count", "10"))).Actions);
        (string[] first, string? cursor) = await actions.ListAsync(("count", "1"), ("state", "FINISHED"));
        Assert.Empty(first);
        (string[] second, string? end) = await actions.ListAsync(("count", "1"), ("state", "FINISHED"), ("cursor", cursor!));
        Assert.Equal([finished], second);
        Assert.Null(end);
        Assert.Equal([running], (await actions.ListAsync(("state", "IN_PROGRESS"))).Actions);

        clock.Now = T.AddDays(7);
        Assert.Equal(200, (await actions.SendAsync("GET", "/v2/workflows/bulkActions/" + finished, [])).Status);
        clock.Now = T.AddDays(7).AddMilliseconds(1);
        Assert.Equal(404, (await actions.SendAsync("GET", "/v2/workflows/bulkActions/" + finished, [])).Status);
        Assert.Equal([running], (await actions.ListAsync()).Actions);
    }

    [SkippableFact]
    public async Task Workers_of_two_engines_on_one_async_cancel_cancel_each_run_it_covers_exactly_once_and_count_it()
    {
        IDlqStore store = NewStore();
        for (int i = 0; i < 330; i++)
        {
            // Every seventh run has finished and every fifth is of another workflow: neither is part of the action.
            await store.SaveRunAsync(Run($"wfr_{i:D4}", i % 5 == 0 ? Seed.Billing : Seed.Orders + "/v" + (i % 3), i % 7 == 0 ? RunState.Success : RunState.Started, i, [], null, null));
        }

        string[] covered = Enumerable.Range(0, 330).Where(i => i % 5 != 0 && i % 7 != 0).Select(i => $"wfr_{i:D4}").ToArray();
        var first = new BulkActionHarness(store);
        var second = new BulkActionHarness(store);
        string id = await first.StartAsync("DELETE", CancelRuns, ("async", "true"), ("workflowUrl", Seed.Orders));
        await store.SaveRunAsync(Run("wfr_9999", Seed.Orders, RunState.Started, 10_000, [], null, null));

        await Task.WhenAll(Task.Run(() => first.Worker.WaitUntilIdleAsync()), Task.Run(() => second.Worker.WaitUntilIdleAsync()));

        JsonElement action = await second.GetAsync(id);
        Assert.Equal(("cancel", "FINISHED"), (action.GetProperty("kind").GetString(), action.GetProperty("state").GetString()));
        Assert.Equal((covered.Length, covered.Length), (action.GetProperty("total").GetInt64(), action.GetProperty("processed").GetInt64()));
        IReadOnlyList<RunRecord> canceled = await store.QueryRunsAsync(new RunQuery(new RunSelection { State = RunState.Canceled }, null, 1000));
        Assert.Equal(covered, canceled.Select(run => run.WorkflowRunId));
        Assert.Equal(RunState.Started, (await store.GetRunAsync("wfr_9999"))!.State);
    }

    [SkippableFact]
    public async Task A_cancel_slice_whose_transaction_fails_leaves_both_its_runs_and_its_progress_undone()
    {
        IDlqStore inner = NewStore();
        for (int i = 0; i < 40; i++)
        {
            await inner.SaveRunAsync(Run($"wfr_{i:D4}", Seed.Orders, RunState.Started, i, ["eu"], null, null));
        }

        var store = new FailingCommitStore(inner);
        var actions = new BulkActionHarness(store);
        string id = await actions.StartAsync("DELETE", CancelRuns, ("async", "true"), ("label", "eu"));
        string again = await actions.StartAsync("DELETE", CancelRuns, ("label", "eu"), ("async", "true"));

        store.FailCommits = true;
        await Assert.ThrowsAsync<FailingCommitStore.CommitFailed>(() => actions.Worker.WaitUntilIdleAsync());

        Assert.Equal(id, again);
        Assert.Equal(0, (await actions.GetAsync(id)).GetProperty("processed").GetInt64());
        Assert.Empty(await inner.QueryRunsAsync(new RunQuery(new RunSelection { State = RunState.Canceled }, null, 100)));

        store.FailCommits = false;
        await actions.Worker.WaitUntilIdleAsync();
        Assert.Equal(40, (await actions.GetAsync(id)).GetProperty("processed").GetInt64());
        Assert.Equal(40, (await inner.QueryRunsAsync(new RunQuery(new RunSelection { State = RunState.Canceled }, null, 100))).Count);
    }

    /// <summary>An engine over the store, its API, and a worker that carries out its actions when a test asks.</summary>
    private sealed class BulkActionHarness
    {
        private readonly DlqHttpApi _api;

        public BulkActionHarness(IDlqStore store, TimeProvider? clock = null)
        {
            var engine = new DlqEngine(store, new DlqEngineOptions { TimeProvider = clock ?? TimeProvider.System });
            _api = new DlqHttpApi(engine, "token");
            Worker = new BulkActionWorker(engine);
        }

        public BulkActionWorker Worker { get; }

        public async Task<string> StartAsync(string method, string path, params (string Name, string Value)[] query)
        {
            DlqApiResponse response = await SendAsync(method, path, [], query);
            Assert.True(response.Status == 200, $"{method} {path} answered {response.Status}: {Encoding.UTF8.GetString(response.Body.Span)}");
            return JsonDocument.Parse(response.Body).RootElement.GetProperty("actionId").GetString()!;
        }

        public async Task<JsonElement> GetAsync(string actionId)
        {
            DlqApiResponse response = await SendAsync("GET", "/v2/workflows/bulkActions/" + actionId, []);
            Assert.Equal(200, response.Status);
            return JsonDocument.Parse(response.Body).RootElement.Clone();
        }

        public async Task<(string[] Actions, string? Cursor)> ListAsync(params (string Name, string Value)[] query)
        {
            DlqApiResponse response = await SendAsync("GET", "/v2/workflows/bulkActions", [], query);
            Assert.Equal(200, response.Status);
            JsonElement root = JsonDocument.Parse(response.Body).RootElement;
            return (
                root.GetProperty("bulkActions").EnumerateArray().Select(action => action.GetProperty("actionId").GetString()!).ToArray(),
                root.TryGetProperty("cursor", out JsonElement cursor) ? cursor.GetString() : null);
        }

        public ValueTask<DlqApiResponse> SendAsync(
            string method, string path, KeyValuePair<string, IReadOnlyList<string>>[] headers, params (string Name, string Value)[] query) =>
            _api.HandleAsync(new DlqApiRequest(
                method,
                path,
                query.GroupBy(parameter => parameter.Name).Select(group => new KeyValuePair<string, IReadOnlyList<string>>(group.Key, group.Select(parameter => parameter.Value).ToArray())).ToArray(),
                [new("Authorization", ["Bearer token"]), .. headers]));
    }

    /// <summary>A store whose writes, while <see cref="FailCommits"/> is set, do their work and then fail, so the store rolls them back.</summary>
    private sealed class FailingCommitStore(IDlqStore inner) : IDlqStore
    {
        public bool FailCommits { get; set; }

        public ValueTask<DlqEntry?> GetAsync(string dlqId, CancellationToken cancellationToken = default) => inner.GetAsync(dlqId, cancellationToken);

        public ValueTask<IReadOnlyList<DlqEntry>> QueryAsync(DlqQuery query, CancellationToken cancellationToken = default) => inner.QueryAsync(query, cancellationToken);

        public ValueTask<RunRecord?> GetRunAsync(string workflowRunId, CancellationToken cancellationToken = default) => inner.GetRunAsync(workflowRunId, cancellationToken);

        public ValueTask<IReadOnlyList<RunRecord>> QueryRunsAsync(RunQuery query, CancellationToken cancellationToken = default) => inner.QueryRunsAsync(query, cancellationToken);

        public ValueTask<DlqStoreStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default) => inner.GetStatisticsAsync(cancellationToken);

        public ValueTask<BulkActionRecord?> GetBulkActionAsync(string actionId, CancellationToken cancellationToken = default) => inner.GetBulkActionAsync(actionId, cancellationToken);

        public ValueTask<IReadOnlyList<BulkActionRecord>> QueryBulkActionsAsync(
            DateTimeOffset createdSince, string? beforeActionId, bool unfinishedOnly, int limit, CancellationToken cancellationToken = default) =>
            inner.QueryBulkActionsAsync(createdSince, beforeActionId, unfinishedOnly, limit, cancellationToken);

        public ValueTask SaveRunAsync(RunRecord run, CancellationToken cancellationToken = default) => inner.SaveRunAsync(run, cancellationToken);

        public ValueTask<IReadOnlyList<DeliveryRecord>> GetDeliveriesAsync(string workflowRunId, CancellationToken cancellationToken = default) => inner.GetDeliveriesAsync(workflowRunId, cancellationToken);

        public ValueTask<DateTimeOffset?> GetNextDeliveryTimeAsync(CancellationToken cancellationToken = default) => inner.GetNextDeliveryTimeAsync(cancellationToken);

        public ValueTask<T> WriteAsync<T>(Func<IDlqTransaction, ValueTask<T>> work, CancellationToken cancellationToken = default) =>
            inner.WriteAsync(
                async transaction =>
                {
                    T result = await work(transaction);
                    return FailCommits ? throw new CommitFailed() : result;
                },
                cancellationToken);

        public sealed class CommitFailed : Exception;
    }

    /// <summary>A clock a test sets.</summary>
    private sealed class SettableClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
