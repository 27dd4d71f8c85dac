using System.Diagnostics;
using BulkResume.Engine.PostgreSql;
using BulkResume.Engine.Storage;
using BulkResume.Engine.Tests.Support;
using Npgsql;
using Xunit.Abstractions;

namespace BulkResume.Engine.Tests.Storage.PostgreSql;

/// <summary>What the PostgreSQL store adds to the suite: many engine instances over one DLQ, and clear errors.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlDlqStoreSharingTests(PostgreSqlServerFixture server, ITestOutputHelper output)
{
    [SkippableFact]
    public async Task Four_engine_instances_over_one_database_resume_each_of_10000_entries_exactly_once()
    {
        const int Count = 10_000;
        string database = await server.CreateDatabaseAsync();
        await using (var seed = PostgreSqlDlqStore.Create(database))
        {
            foreach (DlqEntry[] batch in Seed.Entries(Count).Chunk(1000))
            {
                await new DlqStoreWrites(seed).AddAsync(batch);
            }
        }

        // Each instance has its own data source (connection pool), as separate processes would.
        PostgreSqlDlqStore[] stores = Enumerable.Range(0, 4).Select(_ => PostgreSqlDlqStore.Create(database)).ToArray();
        var clock = Stopwatch.StartNew();
        int[] resumedBy = await Task.WhenAll(stores.Select(store => Task.Run(async () =>
        {
            var engine = new DlqEngine(store);
            int resumed = 0;
            string? cursor = null;
            do
            {
                BulkResumeResult result = await engine.BulkResumeAsync(DlqSelection.All, cursor, count: 50);
                resumed += result.ResumedRuns.Count;
                cursor = result.Cursor;
            }
            while (cursor is not null);
            return resumed;
        })));
        clock.Stop();

        await using var check = PostgreSqlDlqStore.Create(database);
        var sources = new List<string>();
        string? after = null;
        while (true)
        {
            IReadOnlyList<RunRecord> runs = await check.QueryRunsAsync(new RunQuery(RunSelection.All, after, 2000));
            sources.AddRange(runs.Where(run => run.Origin == WorkflowRunOrigin.Resumed).Select(run => run.SourceDlqId!));
            if (runs.Count < 2000)
            {
                break;
            }

            after = runs[^1].WorkflowRunId;
        }

        output.WriteLine($"resumed per instance: {string.Join(", ", resumedBy)} in {clock.ElapsedMilliseconds} ms");
        Assert.Equal(Count, resumedBy.Sum());
        Assert.Equal(0, (await check.GetStatisticsAsync()).DlqEntryCount);
        Assert.Equal(Count, sources.Count);
        Assert.Equal(Seed.Entries(Count).Ids().Order(StringComparer.Ordinal), sources.Order(StringComparer.Ordinal));
        foreach (PostgreSqlDlqStore store in stores)
        {
            await store.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task A_page_take_passes_over_entries_another_transaction_holds_and_they_stay_in_the_dlq()
    {
        string database = await server.CreateDatabaseAsync();
        await using var store = PostgreSqlDlqStore.Create(database, new PostgreSqlDlqStoreOptions { Schema = "dlq" });
        await new DlqStoreWrites(store).AddAsync(Seed.Entries(6));

        // Another taker holds the first two rows, as a concurrent take would until it commits.
        await using var other = new NpgsqlConnection(database);
        await other.OpenAsync();
        await using NpgsqlTransaction holding = await other.BeginTransactionAsync();
        await using (var lockRows = new NpgsqlCommand("SELECT dlq_id FROM dlq.dlq_entries WHERE dlq_id IN ('dlq-00000', 'dlq-00001') FOR UPDATE;", other, holding))
        {
            await lockRows.ExecuteNonQueryAsync();
        }

        DlqTakenPage first = await new DlqStoreWrites(store).TakePageAsync(new DlqQuery(DlqSelection.All, null, 3), Resume);
        DlqTakenPage rest = await new DlqStoreWrites(store).TakePageAsync(new DlqQuery(DlqSelection.All, first.Next, 3), Resume);
        await holding.RollbackAsync();

        // The held rows were read within the first page's limit, so the page is short and its next position is after them.
        Assert.Equal(["dlq-00002"], first.Taken.Select(item => item.Entry.DlqId));
        Assert.Equal("dlq-00002", first.Next?.DlqId);
        Assert.Equal(["dlq-00003", "dlq-00004", "dlq-00005"], rest.Taken.Select(item => item.Entry.DlqId));
        Assert.Null(rest.Next);
        Assert.NotNull(await store.GetAsync("dlq-00000"));
        Assert.NotNull(await store.GetAsync("dlq-00001"));
        Assert.Equal(2, (await store.GetStatisticsAsync()).DlqEntryCount);
    }

    [SkippableFact]
    public async Task A_page_take_checks_the_selection_on_the_locked_row_and_leaves_an_entry_that_no_longer_matches()
    {
        string database = await server.CreateDatabaseAsync();
        await using var store = PostgreSqlDlqStore.Create(database, new PostgreSqlDlqStoreOptions { Schema = "dlq" });
        await new DlqStoreWrites(store).AddAsync(FailedRuns.Many(3, i => FailedRun.For(Seed.Orders).WithDlqId($"dlq-{i}").FailedAt(Seed.T0.AddSeconds(i))
            .WithFailureCallback("https://example.com/failure", CallbackState.Fail)));

        // The row as a callback retry committed between the page's key read and its row locks leaves it for the take:
        // the indexed column still matches the filter, the entry itself no longer does.
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            await using var retried = new NpgsqlCommand(
                "UPDATE dlq.dlq_entries SET entry = jsonb_set(entry, '{FailureCallbackInfo,State}', '\"CallbackInProgress\"') WHERE dlq_id = 'dlq-1';",
                connection);
            Assert.Equal(1, await retried.ExecuteNonQueryAsync());
        }

        var failed = new DlqSelection { FailureCallbackStates = [CallbackState.Fail] };
        DlqTakenPage page = await new DlqStoreWrites(store).TakePageAsync(new DlqQuery(failed, null, 50), Resume);

        Assert.Equal(["dlq-0", "dlq-2"], page.Taken.Select(item => item.Entry.DlqId));
        Assert.Null(page.Next);
        Assert.Equal(CallbackState.InProgress, (await store.GetAsync("dlq-1"))?.FailureCallbackInfo?.State);
    }

    [SkippableFact]
    public async Task A_schema_from_a_newer_version_is_refused_with_both_versions()
    {
        string database = await server.CreateDatabaseAsync();
        await using (var store = PostgreSqlDlqStore.Create(database, new PostgreSqlDlqStoreOptions { Schema = "dlq" }))
        {
            await store.InitializeAsync();
        }

        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"UPDATE dlq.schema_version SET version = {PostgreSqlDlqStore.SchemaVersion + 6};", connection);
            await command.ExecuteNonQueryAsync();
        }

        await using var newer = PostgreSqlDlqStore.Create(database, new PostgreSqlDlqStoreOptions { Schema = "dlq" });
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await newer.GetAsync("dlq-1"));

        Assert.Contains("'dlq'", error.Message);
        Assert.Contains($"schema version {PostgreSqlDlqStore.SchemaVersion + 6}", error.Message);
        Assert.Contains($"version {PostgreSqlDlqStore.SchemaVersion}", error.Message);
    }

    [SkippableFact]
    public async Task A_version_1_schema_gets_the_run_log_columns_filled_from_its_stored_runs()
    {
        string database = await server.CreateDatabaseAsync();
        await using (var store = PostgreSqlDlqStore.Create(database, new PostgreSqlDlqStoreOptions { Schema = "dlq" }))
        {
            await new DlqStoreWrites(store).AddAsync([
                FailedRun.For(Seed.Orders).WithDlqId("dlq-1").WithRunId("wfr_1").WithFlowControlKey("tenant-a", parallelism: 1).WithCallerIp("10.0.0.1").Build(),
                FailedRun.For(Seed.Billing).WithDlqId("dlq-2").WithRunId("wfr_2").FailedAt(Seed.T0.AddSeconds(7)).Build(),
            ]);
        }

        // What version 1 had: the runs without the filter columns.
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                """
                ALTER TABLE dlq.runs DROP COLUMN workflow_url, DROP COLUMN created_at, DROP COLUMN flow_control_key, DROP COLUMN caller_ip;
                DROP TABLE dlq.bulk_actions;
                DROP TABLE dlq.deliveries;
                UPDATE dlq.schema_version SET version = 1;
                """,
                connection);
            await command.ExecuteNonQueryAsync();
        }

        await using var migrated = PostgreSqlDlqStore.Create(database, new PostgreSqlDlqStoreOptions { Schema = "dlq" });
        async Task<string[]> RunIdsAsync(RunSelection selection) =>
            (await migrated.QueryRunsAsync(new RunQuery(selection, null, 10))).Select(run => run.WorkflowRunId).ToArray();

        Assert.Equal(["wfr_2"], await RunIdsAsync(new RunSelection { WorkflowUrl = Seed.Billing }));
        Assert.Equal(["wfr_1"], await RunIdsAsync(new RunSelection { FlowControlKey = "tenant-a", CallerIp = "10.0.0.1" }));
        Assert.Equal(["wfr_2"], await RunIdsAsync(new RunSelection { WorkflowCreatedAt = Seed.T0.AddSeconds(7).AddMinutes(-1) }));
        Assert.Equal(["wfr_2"], await RunIdsAsync(new RunSelection { FromDate = Seed.T0.AddSeconds(7).AddMinutes(-1) }));
    }

    [SkippableFact]
    public async Task A_version_4_schema_keeps_its_entries_and_gets_the_delivery_queue()
    {
        string database = await server.CreateDatabaseAsync();
        await using (var store = PostgreSqlDlqStore.Create(database, new PostgreSqlDlqStoreOptions { Schema = "dlq" }))
        {
            await new DlqStoreWrites(store).AddAsync(Seed.Entries(3));
        }

        // What version 4 had: everything but the deliveries.
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("DROP TABLE dlq.deliveries; UPDATE dlq.schema_version SET version = 4;", connection);
            await command.ExecuteNonQueryAsync();
        }

        await using var migrated = PostgreSqlDlqStore.Create(database, new PostgreSqlDlqStoreOptions { Schema = "dlq" });
        await migrated.WriteAsync(async transaction =>
        {
            await transaction.AddDeliveriesAsync([new DeliveryRecord("msg-1", "wfr_1", Seed.T0, null, "{}")]);
            return true;
        });

        Assert.Equal(3, (await migrated.GetStatisticsAsync()).DlqEntryCount);
        Assert.Equal(["msg-1"], (await migrated.GetDeliveriesAsync("wfr_1")).Select(delivery => delivery.MessageId));
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            await using var version = new NpgsqlCommand("SELECT version FROM dlq.schema_version;", connection);
            Assert.Equal(PostgreSqlDlqStore.SchemaVersion, (int)(await version.ExecuteScalarAsync())!);
        }
    }

    [SkippableFact]
    public async Task A_claim_passes_over_deliveries_another_open_claim_holds_and_two_processes_never_claim_one_twice()
    {
        string database = await server.CreateDatabaseAsync();
        var options = new PostgreSqlDlqStoreOptions { Schema = "dlq" };
        await using var first = PostgreSqlDlqStore.Create(database, options);
        await using var second = PostgreSqlDlqStore.Create(database, options);
        await first.WriteAsync(async transaction =>
        {
            await transaction.AddDeliveriesAsync(Enumerable.Range(0, 6).Select(i => new DeliveryRecord($"msg-{i}", "wfr_1", Seed.T0.AddSeconds(i), null, "{}")).ToArray());
            return true;
        });
        DateTimeOffset now = Seed.T0.AddMinutes(1);
        var claimedFirst = new TaskCompletionSource<string[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // The first process's claim stays open (uncommitted) until the second's claim has returned.
        Task<string[]> holding = first.WriteAsync(async transaction =>
        {
            string[] ids = (await transaction.ClaimDeliveriesAsync(now, now.AddSeconds(30), 2)).Select(delivery => delivery.MessageId).ToArray();
            claimedFirst.SetResult(ids);
            await secondDone.Task;
            return ids;
        }).AsTask();
        string[] byFirst = await claimedFirst.Task;
        string[] bySecond = (await second.WriteAsync(transaction => transaction.ClaimDeliveriesAsync(now, now.AddSeconds(30), 3))).Select(delivery => delivery.MessageId).ToArray();
        secondDone.SetResult();
        await holding;

        Assert.Equal(["msg-0", "msg-1"], byFirst);
        Assert.Equal(["msg-2", "msg-3", "msg-4"], bySecond);
        Assert.Equal(["msg-5"], (await second.WriteAsync(transaction => transaction.ClaimDeliveriesAsync(now, now.AddSeconds(30), 10))).Select(delivery => delivery.MessageId));
        Assert.All(await first.GetDeliveriesAsync("wfr_1"), delivery => Assert.Equal(now.AddSeconds(30), delivery.LeasedUntil));
    }

    [Fact]
    public async Task An_unreachable_server_fails_clearly_without_the_password()
    {
        int closedPort;
        using (var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            listener.Start();
            closedPort = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }

        await using var store = PostgreSqlDlqStore.Create($"Host=127.0.0.1;Port={closedPort};Username=dlq;Password=s3cret-Pa55;Database=dlq;Timeout=5");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await store.InitializeAsync());

        Assert.Contains($"127.0.0.1:{closedPort}", error.Message);
        Assert.Contains("'dlq'", error.Message);
        Assert.DoesNotContain("s3cret-Pa55", error.ToString());
    }

    private static RunRecord Resume(DlqEntry entry) => new()
    {
        WorkflowRunId = "wfr_new_" + entry.DlqId,
        WorkflowUrl = entry.WorkflowUrl,
        State = RunState.Started,
        CreatedAt = entry.CreatedAt,
        Origin = WorkflowRunOrigin.Resumed,
        SourceDlqId = entry.DlqId,
    };
}
