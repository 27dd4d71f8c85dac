using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using BulkResume.Engine;
using BulkResume.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace BulkResume.IntegrationTests.InProcess;

/// <summary>What a concurrent drain tells a host's telemetry: each request's part, and the requests in flight.</summary>
public sealed class ConcurrentDrainTelemetryTests
{
    private const string Orders = "https://shop.example.com/api/workflows/orders";

    [Fact]
    public async Task Each_requests_span_names_its_part_and_the_in_flight_counter_rises_with_the_drain_and_returns_to_zero()
    {
        var server = DlqTestServer.Create();
        await server.Engine.DeadLetterAsync(FailedRuns.Many(1_000, Orders, FailedRun.DefaultFailedAt, TimeSpan.FromSeconds(1)));
        server.Faults.Latency = TimeSpan.FromMilliseconds(5);
        var services = new ServiceCollection();
        services.AddMetrics();
        services.AddWorkflowClient(options => { options.Token = server.Token; options.BaseUrl = DlqTestServer.DefaultBaseAddress; })
            .ConfigurePrimaryHttpMessageHandler(() => new InProcessDlqHandler(server.Api, server.Faults));
        using var provider = services.BuildServiceProvider();
        using var inFlight = new MetricCollector<long>(provider.GetRequiredService<IMeterFactory>(), WorkflowTelemetry.MeterName, "bulkresume.client.requests_in_flight");
        // The listener is process-wide and other tests run at the same time: keep only this test's trace.
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == WorkflowTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        using var root = new Activity("test").Start();

        var runs = await Drain.AllAsync(provider.GetRequiredService<DlqClient>()
            .BulkResumeAsync(ResumeFilter.Create().ForWorkflowUrl(Orders), new ResumeOptions { MaxConcurrency = 4, PageSize = 20 }));

        Assert.Equal(1_000, runs.Count);
        var resumes = stopped.Where(span => span.TraceId == root.TraceId && span.OperationName == "POST /v2/workflows/dlq/resume").ToList();
        var parts = resumes.Select(span => span.GetTagItem("bulkresume.part") as string).ToList();
        Assert.All(parts, part => Assert.Matches(@"^(\*|\d+)\.\.(\*|\d+)$", part));
        Assert.True(parts.Distinct().Count() > 1, $"one part for the whole drain: {parts[0]}");
        var running = 0L;
        var highest = 0L;
        foreach (var measurement in inFlight.GetMeasurementSnapshot())
        {
            running += measurement.Value;
            highest = Math.Max(highest, running);
        }

        Assert.Equal(0, running);
        Assert.InRange(highest, 2, 4 + 1);
    }
}
