using BulkResume.Emulator;
using BulkResume.Engine;

namespace BulkResume.Testing.Sample;

public sealed class CheckoutRecoveryTests
{
    private static readonly DateTimeOffset IncidentStart = new(2026, 3, 1, 14, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset IncidentEnd = IncidentStart.AddHours(1);

    /// <summary>Seeds failures inside and outside the incident, for checkout and for another workflow.</summary>
    private static async Task SeedAsync(DlqEngine engine)
    {
        await engine.DeadLetterAsync(FailedRuns.Many(12, i => FailedRun.For(CheckoutRecovery.CheckoutUrl).FailedAt(IncidentStart.AddMinutes(5 * i)).FailedAtStep(3, of: 5)));
        await engine.DeadLetterAsync(FailedRun.For(CheckoutRecovery.CheckoutUrl).FailedAt(IncidentEnd.AddMinutes(1)).Build());
        await engine.DeadLetterAsync(FailedRun.For("https://shop.example.com/api/workflows/invoice").FailedAt(IncidentStart.AddMinutes(10)).Build());
    }

    [Fact]
    public async Task Resumes_only_checkout_runs_that_failed_during_the_incident__in_process()
    {
        // The reference engine in process: real DLQ semantics, no sockets, no account.
        using var server = DlqTestServer.Create();
        await SeedAsync(server.Engine);
        var client = new WorkflowClient(server.CreateHttpClient(), new WorkflowClientOptions { Token = server.Token });

        var resumed = await new CheckoutRecovery(client.Dlq).ResumeIncidentAsync(IncidentStart, IncidentEnd);

        Assert.Equal(12, resumed);
        Assert.Equal(2, (await server.Store.GetStatisticsAsync()).DlqEntryCount);
    }

    [Fact]
    public async Task A_second_recovery_finds_nothing_left_to_resume()
    {
        using var server = DlqTestServer.Create();
        await SeedAsync(server.Engine);
        var recovery = new CheckoutRecovery(new WorkflowClient(server.CreateHttpClient(), new WorkflowClientOptions { Token = server.Token }).Dlq);

        await recovery.ResumeIncidentAsync(IncidentStart, IncidentEnd);
        var again = await recovery.ResumeIncidentAsync(IncidentStart, IncidentEnd);

        Assert.Equal(0, again);
    }

    [Fact]
    public async Task Rides_out_a_rate_limit__in_process_with_faults()
    {
        using var server = DlqTestServer.Create();
        await SeedAsync(server.Engine);
        server.Faults.FailNext(2, 503);
        var options = new WorkflowClientOptions { Token = server.Token, Retry = { BaseDelay = TimeSpan.FromMilliseconds(1) } };

        var resumed = await new CheckoutRecovery(new WorkflowClient(server.CreateHttpClient(), options).Dlq).ResumeIncidentAsync(IncidentStart, IncidentEnd);

        Assert.Equal(12, resumed);
    }

    [Fact]
    public async Task Resumes_over_real_http__emulator_on_loopback()
    {
        // The same engine served by Kestrel on 127.0.0.1: exercises your real HTTP stack (handlers, proxies, TLS off).
        await using var emulator = await WorkflowEmulator.StartAsync();
        await SeedAsync(emulator.Engine);
        var client = new WorkflowClient(new WorkflowClientOptions { BaseUrl = emulator.Url, Token = emulator.Token });

        var resumed = await new CheckoutRecovery(client.Dlq).ResumeIncidentAsync(IncidentStart, IncidentEnd);

        Assert.Equal(12, resumed);
    }

    [Fact]
    public async Task Counts_what_the_client_yields__with_a_mock()
    {
        // No engine at all: DlqClient's members are virtual and DlqModelFactory builds its models.
        var dlq = new FakeDlq(3);

        var resumed = await new CheckoutRecovery(dlq).ResumeIncidentAsync(IncidentStart, IncidentEnd);

        Assert.Equal(3, resumed);
        Assert.Contains("workflowUrl=" + CheckoutRecovery.CheckoutUrl, dlq.Filters.Single(), StringComparison.Ordinal);
    }

    private sealed class FakeDlq(int runs) : DlqClient
    {
        public List<string> Filters { get; } = [];

        public override AsyncPageable<ResumedRun> BulkResumeAsync(ResumeFilter filter, ResumeOptions? options = null, CancellationToken cancellationToken = default)
        {
            Filters.Add(filter.ToString());
            var page = Enumerable.Range(0, runs).Select(i => DlqModelFactory.ResumedRun($"wfr_{i}", DateTimeOffset.UnixEpoch)).ToList();
            return AsyncPageable<ResumedRun>.FromPages([Page<ResumedRun>.FromValues(page, continuationToken: null)]);
        }
    }
}
