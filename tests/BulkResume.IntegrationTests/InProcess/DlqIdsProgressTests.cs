using System.Net;
using BulkResume.Engine;
using BulkResume.IntegrationTests.Support;

namespace BulkResume.IntegrationTests.InProcess;

/// <summary>
/// <see cref="DlqIdsProgress"/> and <see cref="ResumeOptions.SkipMissingDlqIds"/> against the engine: however a call by
/// ids ends, its four lists are the whole list and agree with what the engine did, and a list run again after a stop
/// skips the ids already gone, acting on nothing the 404 did not leave.
/// </summary>
public sealed class DlqIdsProgressTests
{
    private const string Orders = "https://shop.example.com/api/workflows/orders";

    [Theory]
    [InlineData(null)]
    [InlineData(4)]
    public async Task After_a_graceful_stop_every_id_is_done_or_not_attempted_as_the_engine_says(int? concurrency)
    {
        using var harness = new EngineHarness();
        var ids = await SeedAsync(harness, 1_000);
        harness.Server.Faults.Latency = TimeSpan.FromMilliseconds(10);
        using var stop = new CancellationTokenSource();
        var progress = new DlqIdsProgress();

        await foreach (var page in harness.Client.Dlq.BulkResumeAsync(ResumeFilter.ForDlqIds(ids), new ResumeOptions { MaxConcurrency = concurrency, GracefulStop = stop.Token, DlqIdsProgress = progress }).AsPages())
        {
            await stop.CancelAsync();
        }

        var resumed = (await harness.ResumedRunsAsync()).Select(run => run.SourceDlqId!).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(progress.InDoubt);
        Assert.Empty(progress.Missing);
        Assert.Equal(ids.Where(resumed.Contains), progress.Done);
        Assert.Equal(ids.Where((await harness.RemainingDlqIdsAsync()).Contains), progress.NotAttempted);
        Assert.InRange(progress.Done.Count, 50, 950);
    }

    [Fact]
    public async Task Canceled_the_requests_in_flight_are_in_doubt_and_each_was_resumed_once_or_is_still_there()
    {
        using var harness = new EngineHarness();
        var ids = await SeedAsync(harness, 1_000);
        harness.Server.Faults.Latency = TimeSpan.FromMilliseconds(100);
        using var cancel = new CancellationTokenSource();
        var progress = new DlqIdsProgress();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var page in harness.Client.Dlq.BulkResumeAsync(ResumeFilter.ForDlqIds(ids), new ResumeOptions { MaxConcurrency = 4, DlqIdsProgress = progress }, cancel.Token).AsPages())
            {
                await cancel.CancelAsync();
            }
        });

        var left = await harness.RemainingDlqIdsAsync();
        var resumed = (await harness.ResumedRunsAsync()).Select(run => run.SourceDlqId!).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(progress.InDoubt);
        Assert.All(progress.InDoubt, id => Assert.True(left.Contains(id) ^ resumed.Contains(id)));
        Assert.Subset(resumed, progress.Done.ToHashSet(StringComparer.Ordinal));
        Assert.Subset(left, progress.NotAttempted.ToHashSet(StringComparer.Ordinal));
        Assert.Equal(ids.Order(StringComparer.Ordinal), progress.Done.Concat(progress.InDoubt).Concat(progress.NotAttempted).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(4)]
    public async Task Run_again_with_SkipMissingDlqIds_a_list_skips_the_ids_gone_and_resumes_the_rest(int? concurrency)
    {
        using var harness = new EngineHarness();
        var ids = await SeedAsync(harness, 200);
        await Drain.AllAsync(harness.Client.Dlq.BulkResumeAsync(ResumeFilter.ForDlqIds(ids.Take(70))));
        var progress = new DlqIdsProgress();

        var runs = await Drain.AllAsync(harness.Client.Dlq.BulkResumeAsync(ResumeFilter.ForDlqIds(ids), new ResumeOptions { MaxConcurrency = concurrency, SkipMissingDlqIds = true, DlqIdsProgress = progress }));

        var resumed = await harness.ResumedRunsAsync();
        Assert.Equal(130, runs.Count);
        Assert.Equal(ids.Take(70), progress.Missing);
        Assert.Equal(ids.Skip(70), progress.Done);
        Assert.Empty(progress.InDoubt.Concat(progress.NotAttempted));
        Assert.Equal(200, resumed.Select(run => run.SourceDlqId).Distinct().Count());
        Assert.Equal(200, resumed.Count);
        Assert.Empty(await harness.RemainingDlqIdsAsync());
    }

    [Fact]
    public async Task Without_SkipMissingDlqIds_a_missing_id_still_fails_the_call_and_its_request_is_not_attempted()
    {
        using var harness = new EngineHarness();
        var ids = await SeedAsync(harness, 100);
        await harness.Client.Dlq.DeleteAsync(ids[60]);
        var progress = new DlqIdsProgress();

        var error = await Assert.ThrowsAsync<DlqEntriesNotFoundException>(() =>
            Drain.AllAsync(harness.Client.Dlq.BulkResumeAsync(ResumeFilter.ForDlqIds(ids), new ResumeOptions { DlqIdsProgress = progress })));

        Assert.Equal(new[] { ids[60] }, error.DlqIds);
        Assert.Equal(ids.Take(50), progress.Done);
        Assert.Equal(ids.Skip(50), progress.NotAttempted);
    }

    [Fact]
    public async Task A_404_that_names_no_id_is_not_skipped_since_any_id_may_be_the_missing_one()
    {
        using var harness = new EngineHarness(wrapServer: engine => new NotFoundNamingNoId(engine));
        var ids = await SeedAsync(harness, 30);
        var progress = new DlqIdsProgress();

        await Assert.ThrowsAsync<DlqEntriesNotFoundException>(() =>
            Drain.AllAsync(harness.Client.Dlq.BulkResumeAsync(ResumeFilter.ForDlqIds(ids), new ResumeOptions { SkipMissingDlqIds = true, DlqIdsProgress = progress })));

        Assert.Equal(ids, progress.NotAttempted);
        Assert.Empty(progress.Missing);
        Assert.Equal(30, await harness.DlqCountAsync());
    }

    [Fact]
    public async Task A_delete_run_again_skips_the_ids_gone_and_counts_only_those_it_deleted()
    {
        using var harness = new EngineHarness();
        var ids = await SeedAsync(harness, 150);
        await harness.Client.Dlq.BulkDeleteAsync(ResumeFilter.ForDlqIds(ids.Skip(40).Take(20)));
        var progress = new DlqIdsProgress();

        var deleted = await harness.Client.Dlq.BulkDeleteAsync(ResumeFilter.ForDlqIds(ids), new BulkDeleteOptions { MaxConcurrency = 2, SkipMissingDlqIds = true, DlqIdsProgress = progress });

        Assert.Equal(130, deleted);
        Assert.Equal(ids.Skip(40).Take(20), progress.Missing);
        Assert.Equal(130, progress.Done.Count);
        Assert.Equal(0, await harness.DlqCountAsync());
    }

    [Fact]
    public async Task Continued_from_a_token_one_request_at_a_time_the_ids_before_it_count_as_done()
    {
        using var harness = new EngineHarness();
        var ids = await SeedAsync(harness, 120);
        var filter = ResumeFilter.ForDlqIds(ids);
        var first = await Drain.AllAsync(harness.Client.Dlq.BulkResumeAsync(filter).AsPages().Take(1));
        var progress = new DlqIdsProgress();

        await Drain.AllAsync(harness.Client.Dlq.BulkResumeAsync(filter, new ResumeOptions { DlqIdsProgress = progress }).AsPages(first[0].ContinuationToken));

        Assert.Equal(ids, progress.Done);
        Assert.Empty(progress.NotAttempted);
    }

    [Fact]
    public async Task A_progress_is_refused_with_criteria_and_when_it_records_another_call_before_anything_is_sent()
    {
        using var harness = new EngineHarness();
        var ids = await SeedAsync(harness, 10);
        var progress = new DlqIdsProgress();
        _ = harness.Client.Dlq.BulkResumeAsync(ResumeFilter.ForDlqIds(ids), new ResumeOptions { DlqIdsProgress = progress });

        var criteria = Assert.Throws<ArgumentException>(() => harness.Client.Dlq.BulkRestartAsync(ResumeFilter.All(), new ResumeOptions { DlqIdsProgress = new DlqIdsProgress() }));
        var twice = await Assert.ThrowsAsync<ArgumentException>(() => harness.Client.Dlq.BulkDeleteAsync(ResumeFilter.ForDlqIds(ids), new BulkDeleteOptions { DlqIdsProgress = progress }));

        Assert.Contains("ResumeOptions.DlqIdsProgress records a call by explicit ids", criteria.Message, StringComparison.Ordinal);
        Assert.Contains("BulkDeleteOptions.DlqIdsProgress already records another call", twice.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Wire.Requests);
    }

    private static async Task<List<string>> SeedAsync(EngineHarness harness, int count)
    {
        var entries = FailedRuns.Many(count, Orders, FailedRun.DefaultFailedAt, TimeSpan.FromSeconds(1));
        await harness.Engine.DeadLetterAsync(entries);
        return [.. entries.Select(entry => entry.DlqId)];
    }

    /// <summary>Answers the first request that names ids with a 404 that does not say which are missing.</summary>
    private sealed class NotFoundNamingNoId(HttpMessageHandler engine) : DelegatingHandler(engine)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            request.Method == HttpMethod.Post
                ? Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("""{"error":"not found"}""") })
                : base.SendAsync(request, cancellationToken);
    }
}
