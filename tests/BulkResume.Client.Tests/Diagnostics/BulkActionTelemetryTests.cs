using BulkResume.Client.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace BulkResume.Client.Tests.Diagnostics;

/// <summary>A bulk action's start is logged with its id, each status read too, and a wait is one span over its reads.</summary>
public sealed class BulkActionTelemetryTests : WireMockTestBase
{
    private const string ActionPath = "/v2/workflows/bulkActions/act_t";

    [Fact]
    public async Task The_start_and_each_read_are_logged_and_the_wait_is_one_span_parent_of_its_reads()
    {
        Stub("POST", "/v2/workflows/dlq/resume/bulk", """{"actionId":"act_t"}""");
        Stub("GET", ActionPath, """{"actionId":"act_t","kind":"resume","state":"FINISHED","total":2,"processed":2,"createdAt":1752829295505,"completedAt":1752829296000}""");
        var logs = new FakeLogCollector();
        using var loggerFactory = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(logs)));
        using var http = new HttpClient();
        var client = new WorkflowClient(http, new WorkflowClientOptions { BaseUrl = new Uri(Server.Url!), Token = Token }, loggerFactory, timeProvider: null);
        using var recorder = new SpanRecorder();

        var operation = await client.Dlq.StartBulkResumeAsync(ResumeFilter.All());
        await operation.WaitForCompletionAsync();

        var records = logs.GetSnapshot();
        var started = Assert.Single(records, r => r.Id.Id == 11);
        Assert.Equal(LogLevel.Information, started.Level);
        Assert.Equal("act_t", started.StructuredState!.Single(kv => kv.Key == "ActionId").Value);
        var read = Assert.Single(records, r => r.Id.Id == 12);
        Assert.Equal("FINISHED", read.StructuredState!.Single(kv => kv.Key == "State").Value);
        Assert.All(records, r => Assert.DoesNotContain(Token, r.Message, StringComparison.Ordinal));
        var spans = recorder.Spans;
        var wait = Assert.Single(spans, s => s.OperationName == "WaitForBulkAction");
        Assert.Equal("act_t", wait.GetTagItem("bulkresume.action_id"));
        Assert.Equal(wait.SpanId, Assert.Single(spans, s => s.OperationName == "GET " + ActionPath).ParentSpanId);
        Assert.Equal(recorder.RootSpanId, Assert.Single(spans, s => s.OperationName == "POST /v2/workflows/dlq/resume/bulk").ParentSpanId);
    }
}
