using System.Text.Json;
using BulkResume.Engine.Tests.Storage.PostgreSql;
using static BulkResume.IntegrationTests.Loopback.EmulatorExecutableTests;

namespace BulkResume.IntegrationTests.Loopback;

/// <summary>
/// Async bulk actions in the emulator program over loopback, started with <c>StartBulkResumeAsync</c> and watched with
/// <c>WaitForCompletionAsync</c> and a progress reporter: 20,000 entries resumed exactly once and no other, also with the
/// process killed part way and started again on its SQLite file, and with two processes sharing one PostgreSQL database.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class BulkActionsAcrossProcessesTests(PostgreSqlServerFixture postgres)
{
    private const string Selected = "https://shop.example.com/api/workflows/orders";
    private const string Other = "https://shop.example.com/api/workflows/billing";
    private const int SelectedCount = 20_000;
    private const int OtherCount = 500;
    private static readonly TimeSpan PollingInterval = TimeSpan.FromMilliseconds(50);

    [Fact]
    public async Task An_async_resume_of_20000_entries_resumes_each_exactly_once_and_no_other()
    {
        await using var emulator = await RunningEmulator.StartAsync("--port", "0", "--token", Token, "--quiet");
        await SeedAsync(emulator.Url);

        BulkActionOperation operation = await ClientOf(emulator.Url).Dlq.StartBulkResumeAsync(ResumeFilter.Create().ForWorkflowUrl(Selected));
        var progress = new ProgressSeen();
        BulkAction action = await operation.WaitForCompletionAsync(PollingInterval, progress);

        progress.AssertSawTheActionProgressTo(action);
        await AssertResumedExactlyOnceAsync(emulator.Url, action);
    }

    [Fact]
    public async Task An_async_resume_killed_part_way_carries_on_after_a_restart_on_its_sqlite_file()
    {
        using var file = new TemporaryDatabase();
        string[] args = ["--port", "0", "--token", Token, "--quiet", "--store", "sqlite:" + file.Path];
        string id;
        var beforeKill = new ProgressSeen(stopWatchingAt: 2_000);
        await using (var first = await RunningEmulator.StartAsync(args))
        {
            await SeedAsync(first.Url);
            BulkActionOperation started = await ClientOf(first.Url).Dlq.StartBulkResumeAsync(ResumeFilter.Create().ForWorkflowUrl(Selected));
            id = started.Id;
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => started.WaitForCompletionAsync(TimeSpan.FromMilliseconds(5), beforeKill, beforeKill.StopWatching));
            await first.KillAsync();
        }

        await using var second = await RunningEmulator.StartAsync(args);
        var afterRestart = new ProgressSeen();
        BulkAction action = await ClientOf(second.Url).BulkActions.GetOperation(id).WaitForCompletionAsync(PollingInterval, afterRestart);

        Assert.InRange(beforeKill.Last!.Processed, 2_000, SelectedCount - 1);
        Assert.True(afterRestart.First!.Processed >= beforeKill.Last.Processed, $"processed went down across the restart, from {beforeKill.Last.Processed} to {afterRestart.First.Processed}");
        // The restarted process may have carried the action on before the first read: its progress was seen before the kill.
        Assert.Same(action, afterRestart.Last);
        await AssertResumedExactlyOnceAsync(second.Url, action);
    }

    [SkippableFact]
    public async Task Two_emulators_on_one_postgresql_database_share_an_action_and_resume_each_entry_once()
    {
        string database = await postgres.CreateDatabaseAsync();
        string[] args = ["--port", "0", "--token", Token, "--quiet", "--store", "postgres:" + database];
        await using var first = await RunningEmulator.StartAsync(args);
        await using var second = await RunningEmulator.StartAsync(args);

        // Started on one, watched on the other: both workers find the unfinished action in the database and share its slices.
        await SeedAsync(first.Url);
        BulkActionOperation started = await ClientOf(first.Url).Dlq.StartBulkResumeAsync(ResumeFilter.Create().ForWorkflowUrl(Selected));
        var progress = new ProgressSeen();
        BulkAction action = await ClientOf(second.Url).BulkActions.GetOperation(started.Id).WaitForCompletionAsync(PollingInterval, progress);

        progress.AssertSawTheActionProgressTo(action);
        await AssertResumedExactlyOnceAsync(second.Url, action);
    }

    private static WorkflowClient ClientOf(Uri url) => new(new WorkflowClientOptions { BaseUrl = url, Token = Token });

    private static async Task SeedAsync(Uri url)
    {
        foreach (int count in new[] { SelectedCount / 2, SelectedCount / 2 })
        {
            await AdminAsync(url, HttpMethod.Post, "/_emulator/seed", $$"""{"count":{{count}},"workflowUrl":"{{Selected}}"}""");
        }

        await AdminAsync(url, HttpMethod.Post, "/_emulator/seed", $$"""{"count":{{OtherCount}},"workflowUrl":"{{Other}}"}""");
    }

    /// <summary>Each selected entry left the DLQ as exactly one resumed run (a take makes one run of each entry it removes), and no other entry moved.</summary>
    private static async Task AssertResumedExactlyOnceAsync(Uri url, BulkAction action)
    {
        Assert.Equal((BulkActionKind.Resume, BulkActionState.Finished), (action.Kind, action.State));
        Assert.Equal((SelectedCount, SelectedCount), (action.Total, action.Processed));
        Assert.NotNull(action.CompletedAt);
        using JsonDocument stats = JsonDocument.Parse(await AdminAsync(url, HttpMethod.Get, "/_emulator/stats"));
        Assert.Equal(OtherCount, stats.RootElement.GetProperty("dlq").GetInt64());
        Assert.Equal(SelectedCount, stats.RootElement.GetProperty("resumed").GetInt64());
        Assert.Equal(0, stats.RootElement.GetProperty("restarted").GetInt64());
    }

    /// <summary>
    /// A progress reporter that keeps every status the wait reports (it reports them as it reads them, in order) and
    /// checks that <c>processed</c> never goes down; with a threshold, it stops the watching once that many were processed.
    /// </summary>
    private sealed class ProgressSeen(long? stopWatchingAt = null) : IProgress<BulkAction>
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly List<BulkAction> _seen = [];

        public CancellationToken StopWatching => _stop.Token;

        public BulkAction? First => _seen.FirstOrDefault();

        public BulkAction? Last => _seen.LastOrDefault();

        public void Report(BulkAction value)
        {
            Assert.True(Last is null || value.Processed >= Last.Processed, $"processed went down from {Last?.Processed} to {value.Processed}");
            _seen.Add(value);
            if (value.Processed >= stopWatchingAt)
            {
                _stop.Cancel();
            }
        }

        /// <summary>The reporter heard the action in progress, then counting up, and last the finished status the wait returned.</summary>
        public void AssertSawTheActionProgressTo(BulkAction finished)
        {
            Assert.Same(finished, Last);
            Assert.Equal(BulkActionState.InProgress, First!.State);
            Assert.True(First.Processed < finished.Processed, $"the first status read already had {First.Processed} of {finished.Processed} processed");
        }
    }
}
