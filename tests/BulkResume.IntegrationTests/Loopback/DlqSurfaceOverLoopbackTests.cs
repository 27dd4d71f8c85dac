using BulkResume.Emulator;
using BulkResume.Engine;
using BulkResume.IntegrationTests.Support;

namespace BulkResume.IntegrationTests.Loopback;

/// <summary>The rest of the DLQ surface through real HTTP: the client against WorkflowEmulator on 127.0.0.1.</summary>
public sealed class DlqSurfaceOverLoopbackTests : IAsyncLifetime
{
    private const string Orders = "https://shop.example.com/api/workflows/orders";
    private WorkflowEmulator _emulator = null!;
    private WorkflowClient _client = null!;

    public async Task InitializeAsync()
    {
        _emulator = await WorkflowEmulator.StartAsync();
        _client = new WorkflowClient(new WorkflowClientOptions { BaseUrl = _emulator.Url, Token = _emulator.Token });
    }

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task List_get_resume_one_restart_one_delete_and_read_logs()
    {
        IReadOnlyList<DlqEntry> seeded = FailedRuns.Many(6, i => FailedRun.For(Orders).FailedAt(FailedRun.DefaultFailedAt.AddSeconds(i)).FailedAtStep(2, of: 3).WithLabels(i < 3 ? "eu" : "us"));
        await _emulator.Engine.DeadLetterAsync(seeded);

        List<DlqMessage> eu = await Drain.AllAsync(_client.Dlq.ListAsync(ResumeFilter.Create().WithLabel("eu"), pageSize: 2));
        DlqMessage? first = await _client.Dlq.GetAsync(seeded[0].DlqId);
        ResumedRun resumed = await _client.Dlq.ResumeAsync(seeded[0].DlqId, new ResumeOptions { Retries = 2 });
        ResumedRun restarted = await _client.Dlq.RestartAsync(seeded[1].DlqId);
        bool deleted = await _client.Dlq.DeleteAsync(seeded[2].DlqId);
        BulkResume.WorkflowRun? resumedRun = await _client.Runs.GetAsync(resumed.WorkflowRunId);
        BulkResume.WorkflowRun? restartedRun = await _client.Runs.GetAsync(restarted.WorkflowRunId);

        Assert.Equal(seeded.Take(3).Select(e => e.DlqId), eu.Select(m => m.DlqId));
        Assert.Equal(seeded[0].WorkflowRunId, first?.WorkflowRunId);
        Assert.True(deleted);
        Assert.NotNull(resumedRun);
        Assert.NotEmpty(resumedRun.Steps);
        Assert.NotNull(restartedRun);
        Assert.Empty(restartedRun.Steps);
        Assert.Equal(3, (await _emulator.Store.GetStatisticsAsync()).DlqEntryCount);
    }

    [Fact]
    public async Task Bulk_restart_bulk_delete_and_callback_retry()
    {
        await _emulator.Engine.DeadLetterAsync(FailedRuns.Many(70, i => FailedRun.For(Orders).FailedAt(FailedRun.DefaultFailedAt.AddSeconds(i))));
        DlqEntry callback = FailedRun.For(Orders).FailedAt(FailedRun.DefaultFailedAt.AddMinutes(5)).WithFailureCallback("https://shop.example.com/api/failed", BulkResume.Engine.CallbackState.Fail).Build();
        await _emulator.Engine.DeadLetterAsync(callback);

        ResumedRun retried = await _client.Dlq.RetryFailureCallbackAsync(callback.DlqId);
        List<ResumedRun> restarted = await Drain.AllAsync(_client.Dlq.BulkRestartAsync(ResumeFilter.Create().FailedBefore(FailedRun.DefaultFailedAt.AddSeconds(59))));
        long deleted = await _client.Dlq.BulkDeleteAsync(ResumeFilter.All());

        Assert.Equal(callback.WorkflowRunId, retried.WorkflowRunId);
        Assert.Equal(60, restarted.Count);
        Assert.Equal(11, deleted);
        Assert.Equal(0, (await _emulator.Store.GetStatisticsAsync()).DlqEntryCount);
    }

    [Theory]
    [InlineData("1752829295505-0/eu")]
    [InlineData("odd id %41+&?#")]
    public async Task Ids_with_reserved_characters_reach_their_entry_in_process_and_over_loopback(string dlqId)
    {
        using var server = BulkResume.Engine.DlqTestServer.Create();
        var inProcess = new WorkflowClient(server.CreateHttpClient(), new WorkflowClientOptions { Token = server.Token });
        foreach (var (engine, client) in new[] { (server.Engine, inProcess), (_emulator.Engine, _client) })
        {
            await engine.DeadLetterAsync(FailedRun.For(Orders).WithDlqId(dlqId).Build());

            DlqMessage? message = await client.Dlq.GetAsync(dlqId);
            ResumedRun resumed = await client.Dlq.ResumeAsync(dlqId);

            Assert.Equal(dlqId, message?.DlqId);
            Assert.NotNull(resumed.WorkflowRunId);
            Assert.Null(await client.Dlq.GetAsync(dlqId));
        }
    }
}
