using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using BulkResume.Engine.Sql;
using BulkResume.Engine.Sqlite;
using BulkResume.Engine.Storage;
using BulkResume.Engine.Tests.Support;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace BulkResume.Engine.Tests.Storage.Sqlite;

/// <summary>What the SQLite store adds to the suite: surviving a kill, clear errors, and index-served paging.</summary>
public sealed class SqliteDlqStoreDurabilityTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDatabase _files = new();

    [Fact]
    public async Task A_bulk_resume_killed_part_way_leaves_each_entry_in_the_DLQ_or_resumed_exactly_once()
    {
        const int Count = 10_000;
        using (SqliteDlqStore seed = SqliteDlqStore.Open(_files.Path))
        {
            foreach (DlqEntry[] batch in Seed.Entries(Count).Chunk(1000))
            {
                await new DlqStoreWrites(seed).AddAsync(batch);
            }
        }

        string dll = typeof(SqliteDlqStoreDurabilityTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == "CrashChildDll").Value!;
        Assert.True(File.Exists(dll), $"The crash child is not built at {dll}.");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // 20 ms between a worker's calls: about 2.5 s in all, so a parent slowed by a busy machine still kills it part
        // way (run flat out, the child could finish before the parent had read the line at 3,000).
        foreach (string argument in new[] { dll, _files.Path, "2", "20" })
        {
            start.ArgumentList.Add(argument);
        }

        using Process child = Process.Start(start)!;
        _ = child.StandardError.ReadToEndAsync();
        int reported = 0;
        var deadline = Stopwatch.StartNew();
        while (reported < 3000 && deadline.Elapsed < TimeSpan.FromMinutes(3))
        {
            string? line = await child.StandardOutput.ReadLineAsync();
            Assert.NotNull(line);
            Assert.False(line.StartsWith("done", StringComparison.Ordinal), "The child finished before it could be killed.");
            reported = int.Parse(line["resumed ".Length..], CultureInfo.InvariantCulture);
        }

        child.Kill(); // SIGKILL on Unix: no finally blocks, no disposal, no checkpoint.
        await child.WaitForExitAsync();
        Assert.True(reported >= 3000, "The child reported no progress in time.");

        using SqliteDlqStore store = SqliteDlqStore.Open(_files.Path);
        var inDlq = new HashSet<string>(StringComparer.Ordinal);
        DlqKey? after = null;
        while (true)
        {
            IReadOnlyList<DlqEntry> page = await store.QueryAsync(new DlqQuery(DlqSelection.All, after, 1000));
            inDlq.UnionWith(page.Select(entry => entry.DlqId));
            if (page.Count < 1000)
            {
                break;
            }

            after = DlqKey.Of(page[^1]);
        }

        var resumedFrom = new List<string>();
        string? runAfter = null;
        while (true)
        {
            IReadOnlyList<RunRecord> runs = await store.QueryRunsAsync(new RunQuery(RunSelection.All, runAfter, 1000));
            resumedFrom.AddRange(runs.Where(run => run.Origin == WorkflowRunOrigin.Resumed).Select(run => run.SourceDlqId!));
            if (runs.Count < 1000)
            {
                break;
            }

            runAfter = runs[^1].WorkflowRunId;
        }

        output.WriteLine($"child reported {reported} resumed when killed; on reopen {resumedFrom.Count} resumed, {inDlq.Count} still in the DLQ");
        Assert.Equal(resumedFrom.Count, resumedFrom.Distinct(StringComparer.Ordinal).Count()); // none twice
        Assert.Empty(resumedFrom.Intersect(inDlq, StringComparer.Ordinal)); // none both
        Assert.Equal(Seed.Entries(Count).Ids().Order(StringComparer.Ordinal), inDlq.Concat(resumedFrom).Order(StringComparer.Ordinal)); // none lost
        Assert.InRange(resumedFrom.Count, reported, Count - 1);
        Assert.Equal(inDlq.Count, (await store.GetStatisticsAsync()).DlqEntryCount);
    }

    [Fact]
    public async Task A_file_from_a_newer_schema_is_refused_with_both_versions()
    {
        using (SqliteDlqStore.Open(_files.Path))
        {
        }

        using (var connection = new SqliteConnection($"Data Source={_files.Path};Pooling=False"))
        {
            connection.Open();
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = $"PRAGMA user_version = {SqliteDlqStore.SchemaVersion + 41};";
            command.ExecuteNonQuery();
        }

        var error = Assert.Throws<InvalidOperationException>(() => SqliteDlqStore.Open(_files.Path));

        Assert.Contains(_files.Path, error.Message);
        Assert.Contains($"schema version {SqliteDlqStore.SchemaVersion + 41}", error.Message);
        Assert.Contains($"version {SqliteDlqStore.SchemaVersion}", error.Message);
    }

    [Fact]
    public async Task A_version_1_file_gets_the_run_log_columns_filled_from_its_stored_runs()
    {
        using (SqliteDlqStore store = SqliteDlqStore.Open(_files.Path))
        {
            await new DlqStoreWrites(store).AddAsync([
                FailedRun.For(Seed.Orders).WithDlqId("dlq-1").WithRunId("wfr_1").WithFlowControlKey("tenant-a", parallelism: 1).WithCallerIp("10.0.0.1").Build(),
                FailedRun.For(Seed.Billing).WithDlqId("dlq-2").WithRunId("wfr_2").FailedAt(Seed.T0.AddSeconds(7)).Build(),
            ]);
        }

        // What version 1 had: the runs without the filter columns.
        using (var connection = new SqliteConnection($"Data Source={_files.Path};Pooling=False"))
        {
            connection.Open();
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = """
                DROP INDEX ix_runs_workflow_url;
                ALTER TABLE runs DROP COLUMN workflow_url; ALTER TABLE runs DROP COLUMN created_at;
                ALTER TABLE runs DROP COLUMN flow_control_key; ALTER TABLE runs DROP COLUMN caller_ip;
                DROP TABLE bulk_actions;
                DROP TABLE deliveries;
                PRAGMA user_version = 1;
                """;
            command.ExecuteNonQuery();
        }

        using SqliteDlqStore migrated = SqliteDlqStore.Open(_files.Path);
        async Task<string[]> RunIdsAsync(RunSelection selection) =>
            (await migrated.QueryRunsAsync(new RunQuery(selection, null, 10))).Select(run => run.WorkflowRunId).ToArray();

        Assert.Equal(["wfr_2"], await RunIdsAsync(new RunSelection { WorkflowUrl = Seed.Billing }));
        Assert.Equal(["wfr_1"], await RunIdsAsync(new RunSelection { FlowControlKey = "tenant-a", CallerIp = "10.0.0.1" }));
        Assert.Equal(["wfr_2"], await RunIdsAsync(new RunSelection { WorkflowCreatedAt = Seed.T0.AddSeconds(7).AddMinutes(-1) }));
        Assert.Equal(["wfr_2"], await RunIdsAsync(new RunSelection { FromDate = Seed.T0.AddSeconds(7).AddMinutes(-1) }));
    }

    [Fact]
    public async Task A_version_4_file_keeps_its_entries_and_gets_the_delivery_queue()
    {
        using (SqliteDlqStore store = SqliteDlqStore.Open(_files.Path))
        {
            await new DlqStoreWrites(store).AddAsync(Seed.Entries(3));
        }

        // What version 4 had: everything but the deliveries.
        using (var connection = new SqliteConnection($"Data Source={_files.Path};Pooling=False"))
        {
            connection.Open();
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = "DROP TABLE deliveries; PRAGMA user_version = 4;";
            command.ExecuteNonQuery();
        }

        using SqliteDlqStore migrated = SqliteDlqStore.Open(_files.Path);
        await migrated.WriteAsync(async transaction =>
        {
            await transaction.AddDeliveriesAsync([new DeliveryRecord("msg-1", "wfr_1", Seed.T0, null, "{}")]);
            return true;
        });

        using (SqliteConnection connection = migrated.OpenConnection())
        {
            Assert.Equal(SqliteDlqStore.SchemaVersion, SqliteSchema.ReadVersion(connection));
        }

        Assert.Equal(3, (await migrated.GetStatisticsAsync()).DlqEntryCount);
        Assert.Equal(["msg-1"], (await migrated.GetDeliveriesAsync("wfr_1")).Select(delivery => delivery.MessageId));
    }

    [Fact]
    public async Task A_claim_the_next_delivery_time_and_a_runs_deliveries_are_served_by_indexes()
    {
        using SqliteDlqStore store = SqliteDlqStore.Open(_files.Path);
        DeliveryRecord[] deliveries = Enumerable.Range(0, 300)
            .Select(i => new DeliveryRecord($"msg-{i:D4}", $"wfr_{i % 10}", Seed.T0.AddSeconds(i), null, "{}", i % 3 == 0 ? Seed.T0.AddMinutes(1) : null))
            .ToArray();
        await store.WriteAsync(async transaction =>
        {
            await transaction.AddDeliveriesAsync(deliveries);
            return true;
        });
        using SqliteConnection connection = store.OpenConnection();
        using (SqliteCommand analyze = connection.CreateCommand())
        {
            analyze.CommandText = "ANALYZE;";
            analyze.ExecuteNonQuery();
        }

        (Action<SqliteCommand> Build, string[] Indexes)[] statements =
        [
            (command => SqlDeliveries.BuildClaim(command, SqliteDialect.Instance, Seed.T0.AddSeconds(100), Seed.T0.AddMinutes(2), 10), ["ix_deliveries_due", "ix_deliveries_lease_end"]),
            (command => SqlDeliveries.BuildGetNextTime(command, SqliteDialect.Instance), ["ix_deliveries_due", "ix_deliveries_lease_end"]),
            (command => SqlDeliveries.BuildGetOfRun(command, SqliteDialect.Instance, "wfr_3"), ["ix_deliveries_run"]),
        ];
        foreach ((Action<SqliteCommand> build, string[] indexes) in statements)
        {
            List<string> plan = Plan(connection, build);

            // Each read of the table searches one of its indexes ("SEARCH deliveries USING INDEX ..."); none scans it whole.
            Assert.All(indexes, index => Assert.Contains(plan, step => step.StartsWith("SEARCH deliveries USING INDEX " + index, StringComparison.Ordinal)));
            Assert.DoesNotContain(plan, step => step.StartsWith("SCAN deliveries", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_missing_directory_is_named()
    {
        string path = Path.Combine(_files.Directory, "no-such-dir", "dlq.db");

        var error = Assert.Throws<DirectoryNotFoundException>(() => SqliteDlqStore.Open(path));

        Assert.Contains(Path.Combine(_files.Directory, "no-such-dir"), error.Message);
    }

    [Fact]
    public void A_path_that_cannot_be_written_or_is_not_a_database_fails_clearly()
    {
        string notADatabase = Path.Combine(_files.Directory, "notes.txt");
        File.WriteAllText(notADatabase, new string('x', 4096));

        var garbage = Assert.Throws<IOException>(() => SqliteDlqStore.Open(notADatabase));
        var directory = Assert.Throws<IOException>(() => SqliteDlqStore.Open(_files.Directory));
        var unwritable = Assert.ThrowsAny<IOException>(() => SqliteDlqStore.Open("/proc/bulkresume-dlq.db"));

        Assert.Contains("not a SQLite database", garbage.Message);
        Assert.Contains("is a directory", directory.Message);
        Assert.Contains("/proc/bulkresume-dlq.db", unwritable.Message);
    }

    [Fact]
    public async Task Every_filter_and_the_cursor_are_served_by_an_index()
    {
        using SqliteDlqStore store = SqliteDlqStore.Open(_files.Path);
        await new DlqStoreWrites(store).AddAsync(Seed.Entries(200));
        var after = new DlqKey(Seed.T0.AddSeconds(10), "dlq-00010");
        DlqSelection[] selections =
        [
            DlqSelection.All,
            new() { FromDate = Seed.T0, ToDate = Seed.T0.AddHours(1) },
            new() { WorkflowUrls = [Seed.Orders, Seed.Billing] },
            new() { WorkflowRunId = "wfr_seed000" },
            new() { WorkflowCreatedAt = Seed.T0 },
            new() { Labels = ["a", "b"] },
            new() { FlowControlKeys = ["tenant-a"] },
            new() { CallerIps = ["10.0.0.1", "10.0.0.2"] },
            new() { FailureCallbackStates = [CallbackState.Fail] },
            new() { WorkflowUrls = [Seed.Orders], Labels = ["a"], FlowControlKeys = ["k"], FromDate = Seed.T0 },
            DlqSelection.ForIds("dlq-00001", "dlq-00002"),
        ];

        using SqliteConnection connection = store.OpenConnection();
        foreach (DlqSelection selection in selections)
        {
            foreach (DlqKey? position in new DlqKey?[] { null, after })
            {
                List<string> plan = Plan(connection, command => SqlDlqQueryBuilder.Build(command, new DlqQuery(selection, position, 50), SqliteDialect.Instance));

                // A table scan is "SCAN e" / "SCAN l" without an index; scans of an index in key order stop at the limit.
                Assert.DoesNotContain(plan, step => step is "SCAN e" or "SCAN l" or "SCAN dlq_entries" or "SCAN dlq_labels");
                Assert.DoesNotContain(plan, step => step.StartsWith("SCAN e USING INDEX ix_dlq_entries_run_id", StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public async Task A_second_process_view_sees_committed_takes_and_run_pages_use_the_key()
    {
        using SqliteDlqStore first = SqliteDlqStore.Open(_files.Path);
        using SqliteDlqStore second = SqliteDlqStore.Open(_files.Path);
        await new DlqStoreWrites(first).AddAsync(Seed.Entries(3));

        DlqTakeResult taken = await new DlqStoreWrites(second).TakeAsync(["dlq-00001"], allOrNothing: true, static _ => null);

        Assert.Single(taken.Taken);
        Assert.Null(await first.GetAsync("dlq-00001"));
        using SqliteConnection connection = first.OpenConnection();
        using SqliteCommand command = connection.CreateCommand();
        SqlRunQueryBuilder.Build(command, new RunQuery(new RunSelection { WorkflowRunId = "wfr_seed00002" }, "wfr_seed00001", 10), SqliteDialect.Instance);
        command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
        using SqliteDataReader reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Contains("USING INDEX", reader.GetString(3));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Disposing_the_store_closes_its_write_connection_so_the_wal_is_folded_into_the_file(bool disposeAsync)
    {
        SqliteDlqStore store = SqliteDlqStore.Open(_files.Path);
        await new DlqStoreWrites(store).AddAsync(Seed.Entries(3));
        await new DlqStoreWrites(store).TakeAsync(["dlq-00000"], allOrNothing: true, static _ => null);
        Assert.True(File.Exists(_files.Path + "-wal"));

        if (disposeAsync)
        {
            await store.DisposeAsync();
        }
        else
        {
            store.Dispose();
        }

        // SQLite removes the WAL when the last connection to the file closes: none of the store's is left open.
        Assert.False(File.Exists(_files.Path + "-wal"));
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await new DlqStoreWrites(store).AddAsync(Seed.Entries(1)));
        using SqliteDlqStore reopened = SqliteDlqStore.Open(_files.Path);
        Assert.Equal(2, (await reopened.GetStatisticsAsync()).DlqEntryCount);
    }

    [Fact]
    public async Task Page_takes_that_reuse_a_kept_query_with_other_values_or_outgrow_the_kept_queries_take_the_right_entries()
    {
        // Entries a0..a9 (one label each) and l0..l39; a take of labels l0..lk (k+1 branches, a new SQL text each) finds
        // only lk left, and a take of label ai (one query text, other values each time) finds only ai.
        const int Shapes = 40;
        using SqliteDlqStore store = SqliteDlqStore.Open(_files.Path);
        await new DlqStoreWrites(store).AddAsync([
            .. FailedRuns.Many(10, i => FailedRun.For(Seed.Orders).WithDlqId($"dlq-a{i}").WithLabels($"a{i}").FailedAt(Seed.T0.AddSeconds(i))),
            .. FailedRuns.Many(Shapes, k => FailedRun.For(Seed.Orders).WithDlqId($"dlq-l{k:D2}").WithLabels($"l{k}").FailedAt(Seed.T0.AddSeconds(100 + k))),
        ]);

        for (int i = 0; i < 10; i++)
        {
            DlqTakenPage page = await new DlqStoreWrites(store).TakePageAsync(new DlqQuery(new DlqSelection { Labels = [$"a{i}"] }, null, 5), static _ => null);
            Assert.Equal([$"dlq-a{i}"], page.Taken.Select(item => item.Entry.DlqId));
        }

        for (int k = 0; k < Shapes; k++)
        {
            var labels = new DlqSelection { Labels = Enumerable.Range(0, k + 1).Select(i => $"l{i}").ToArray() };
            DlqTakenPage page = await new DlqStoreWrites(store).TakePageAsync(new DlqQuery(labels, null, 5), static _ => null);

            Assert.Equal([$"dlq-l{k:D2}"], page.Taken.Select(item => item.Entry.DlqId));
            Assert.Null(page.Next);
        }

        Assert.Equal(0, (await store.GetStatisticsAsync()).DlqEntryCount);
    }

    public void Dispose() => _files.Dispose();

    /// <summary>The steps of SQLite's plan for the statement <paramref name="build"/> makes, written to the test's output.</summary>
    private List<string> Plan(SqliteConnection connection, Action<SqliteCommand> build)
    {
        using SqliteCommand command = connection.CreateCommand();
        build(command);
        command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
        var plan = new List<string>();
        using (SqliteDataReader reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                plan.Add(reader.GetString(3));
            }
        }

        output.WriteLine(string.Join(" | ", plan));
        return plan;
    }
}
