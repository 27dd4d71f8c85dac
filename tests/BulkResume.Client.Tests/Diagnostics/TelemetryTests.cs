using BulkResume.Client.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using System.Diagnostics.Metrics;

namespace BulkResume.Client.Tests.Diagnostics;

/// <summary>Logs with event ids and fields (never the token), metrics and spans named BulkResume.Client.</summary>
public sealed class TelemetryTests : WireMockTestBase
{
    [Fact]
    public async Task Requests_pages_and_runs_are_logged_and_counted_without_the_token()
    {
        StubResume(RunsJson("c1", "wfr_1", "wfr_2"));
        StubResume(RunsJson(null, "wfr_3"), cursor: "c1");
        var logs = new FakeLogCollector();
        var services = new ServiceCollection();
        services.AddMetrics();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(logs)));
        services.AddWorkflowClient(o => { o.Token = Token; o.BaseUrl = new Uri(Server.Url!); });
        using var provider = services.BuildServiceProvider();
        var meterFactory = provider.GetRequiredService<IMeterFactory>();
        using var requests = new MetricCollector<long>(meterFactory, "BulkResume.Client", "bulkresume.client.requests");
        using var resumed = new MetricCollector<long>(meterFactory, "BulkResume.Client", "bulkresume.client.runs_resumed");

        await ToListAsync(provider.GetRequiredService<DlqClient>().BulkResumeAsync(ResumeFilter.All()));

        Assert.Equal(2, requests.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.All(requests.GetMeasurementSnapshot(), m => Assert.Equal(200, m.Tags["http.response.status_code"]));
        Assert.Equal(3, resumed.GetMeasurementSnapshot().EvaluateAsCounter());
        var records = logs.GetSnapshot();
        Assert.Equal(2, records.Count(r => r.Id.Id == 1));
        var pages = records.Where(r => r.Id.Id == 3).ToList();
        Assert.Equal(2, pages.Count);
        Assert.Equal("c1", pages[0].StructuredState!.Single(kv => kv.Key == "NextCursor").Value);
        Assert.All(records, r => Assert.DoesNotContain(Token, r.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bulk_operation_is_one_span_with_a_child_span_per_request()
    {
        StubResume(RunsJson("c1", "wfr_1"));
        StubResume(RunsJson(null, "wfr_2"), cursor: "c1");
        using var recorder = new SpanRecorder();

        await ToListAsync(Client.Dlq.BulkResumeAsync(ResumeFilter.All()));

        var spans = recorder.Spans;
        var operation = Assert.Single(spans, s => s.OperationName == "BulkResume");
        Assert.Equal(recorder.RootSpanId, operation.ParentSpanId);
        var requests = spans.Where(s => s.OperationName == "POST /v2/workflows/dlq/resume").ToList();
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.Equal(operation.SpanId, r.ParentSpanId));
        Assert.All(requests, r => Assert.Equal(200, r.GetTagItem("http.response.status_code")));
    }
}
