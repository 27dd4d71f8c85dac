using System.Text;
using BulkResume.Client.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace BulkResume.Client.Tests.Runs;

/// <summary>
/// Events: notify every waiter (<c>POST /v2/notify/{eventId}</c>), one run's (<c>POST /v2/notify/{runId}/{eventId}</c>),
/// and list the waiters (<c>GET /v2/waiters/{eventId}</c>): escaped ids, the data's bytes and type, answers read.
/// </summary>
public sealed class NotifyTests : WireMockTestBase
{
    private const string Waiter = """
        {"url":"https://shop.example.com/api/workflows/checkout","headers":{"Upstash-Workflow-RunId":["wfr_a"]},"deadline":1752916295,
         "timeoutBody":"eyJ0aW1lb3V0Ijp0cnVlfQ==","timeoutUrl":"https://shop.example.com/api/workflows/checkout","timeoutHeaders":{"Upstash-Workflow-CallType":["step"]}}
        """;

    /// <summary>Answers every request: WireMock matches paths unescaped, and these tests check the escaped path sent.</summary>
    private void StubAny(string body, int status = 201) =>
        Server.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));

    [Fact]
    public async Task Notify_posts_the_data_to_the_escaped_event_id_and_reads_each_waiter()
    {
        StubAny($$"""
            [{"waiter":{{Waiter}},"messageId":"msg_1","workflowRunId":"wfr_a","workflowCreatedAt":1752915695505},
             {"waiter":{{Waiter}},"messageId":"msg_2","deduplicated":true},
             {"error":"waiter expired"}]
            """, status: 201);

        NotifyResult result = await Client.Runs.NotifyAsync("order/42 paid", WorkflowPayload.FromString("""{"paid":true}""", "application/json"));

        var sent = Assert.Single(Requests);
        Assert.Equal("POST", sent.Method);
        Assert.Equal("/v2/notify/order%2F42%20paid", new Uri(sent.AbsoluteUrl).AbsolutePath);
        Assert.Equal("""{"paid":true}"""u8.ToArray(), sent.BodyAsBytes);
        Assert.Equal("application/json", HeaderOf(sent, "Content-Type"));
        Assert.Null(HeaderOf(sent, "Upstash-Workflow-RunId"));
        Assert.False(result.MayHaveNotifiedMore);
        Assert.Equal(3, result.Waiters.Count);
        var (first, second, failed) = (result.Waiters[0], result.Waiters[1], result.Waiters[2]);
        Assert.Equal(("msg_1", false, null, "wfr_a"), (first.MessageId, first.Deduplicated, first.Error, first.WorkflowRunId));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1752915695505), first.WorkflowCreatedAt);
        Assert.Equal("https://shop.example.com/api/workflows/checkout", first.Waiter!.Url);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1752916295), first.Waiter.Deadline);
        Assert.Equal("""{"timeout":true}""", Encoding.UTF8.GetString(first.Waiter.TimeoutBody.Span));
        Assert.Equal(["wfr_a"], first.Waiter.Headers["upstash-workflow-runid"]);
        Assert.Equal(["step"], first.Waiter.TimeoutHeaders["Upstash-Workflow-CallType"]);
        Assert.Equal(("msg_2", true), (second.MessageId, second.Deduplicated));
        Assert.Null(second.WorkflowCreatedAt);
        Assert.Equal(("waiter expired", null, null), (failed.Error, failed.Waiter, failed.MessageId));
    }

    [Fact]
    public async Task Notify_without_data_sends_no_body_and_nothing_waiting_is_an_empty_list()
    {
        Stub("POST", "/v2/notify/evt", "[]", status: 201);

        NotifyResult result = await Client.Runs.NotifyAsync("evt");

        Assert.Empty(result.Waiters);
        var sent = Assert.Single(Requests);
        Assert.True(sent.BodyAsBytes is null || sent.BodyAsBytes.Length == 0);
        Assert.Null(HeaderOf(sent, "Content-Type"));
    }

    [Fact]
    public async Task Notify_of_one_run_posts_to_the_run_and_event_and_reads_one_answer()
    {
        StubAny("""{"messageId":"msg_9","workflowRunId":"wfr_a/b","workflowCreatedAt":1752915695505}""", status: 201);

        NotifiedWaiter notified = await Client.Runs.NotifyRunAsync("wfr_a/b", "evt 1", WorkflowPayload.FromBytes([1, 2, 3]));

        Assert.Equal(("msg_9", "wfr_a/b", null), (notified.MessageId, notified.WorkflowRunId, notified.Waiter));
        var sent = Assert.Single(Requests);
        Assert.Equal("/v2/notify/wfr_a%2Fb/evt%201", new Uri(sent.AbsoluteUrl).AbsolutePath);
        Assert.Equal([1, 2, 3], sent.BodyAsBytes);
        Assert.Equal("application/octet-stream", HeaderOf(sent, "Content-Type"));
    }

    [Fact]
    public async Task Waiters_are_a_GET_of_the_escaped_event_id()
    {
        StubAny($"[{Waiter}]", status: 200);

        var waiters = await Client.Runs.GetWaitersAsync("order/42");

        var waiter = Assert.Single(waiters);
        Assert.Equal(("https://shop.example.com/api/workflows/checkout", "https://shop.example.com/api/workflows/checkout"), (waiter.Url, waiter.TimeoutUrl));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1752916295), waiter.Deadline);
        var sent = Assert.Single(Requests);
        Assert.Equal(("GET", "/v2/waiters/order%2F42"), (sent.Method, new Uri(sent.AbsoluteUrl).AbsolutePath));
        Assert.True(string.IsNullOrEmpty(sent.Body));
    }

    [Fact]
    public async Task A_refusal_is_the_service_message()
    {
        Stub("POST", "/v2/notify/evt", """{"error":"invalid event id"}""", status: 400);
        Stub("GET", "/v2/waiters/evt", """{"error":"invalid event id"}""", status: 400);

        var notify = await Assert.ThrowsAsync<WorkflowApiException>(() => Client.Runs.NotifyAsync("evt"));
        var waiters = await Assert.ThrowsAsync<WorkflowApiException>(() => Client.Runs.GetWaitersAsync("evt"));

        Assert.IsNotType<OutcomeUnknownException>(notify);
        Assert.Equal((400, "invalid event id"), (notify.Status, notify.ErrorMessage));
        Assert.Equal((400, "invalid event id"), (waiters.Status, waiters.ErrorMessage));
    }

    [Theory]
    [InlineData("", "is blank")]
    [InlineData(" ", "is blank")]
    [InlineData("evt\n", "control character")]
    public async Task A_blank_or_control_event_id_is_refused_before_anything_is_sent(string eventId, string fix)
    {
        await AssertRefusedBeforeSendingAsync<ArgumentException>(() => Client.Runs.NotifyAsync(eventId), "eventId", fix);
        await AssertRefusedBeforeSendingAsync<ArgumentException>(() => Client.Runs.NotifyRunAsync("wfr_a", eventId), "eventId", fix);
        await AssertRefusedBeforeSendingAsync<ArgumentException>(() => Client.Runs.GetWaitersAsync(eventId), "eventId", fix);
        await AssertRefusedBeforeSendingAsync<ArgumentException>(() => Client.Runs.NotifyRunAsync(eventId, "evt"), "workflowRunId", fix);
    }

    [Fact]
    public void A_payload_refuses_a_content_type_that_is_not_a_media_type_and_never_prints_its_bytes()
    {
        var error = Assert.Throws<ArgumentException>(() => WorkflowPayload.FromString("x", "not a type"));
        Assert.Equal("contentType", error.ParamName);
        Assert.Equal("text/plain; charset=utf-8, 6 bytes", WorkflowPayload.FromString("secret").ToString());
    }
}
