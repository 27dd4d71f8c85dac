using System.Collections.ObjectModel;
using System.Net;
using System.Text.Json;
using BulkResume.Engine.Tests.Support;

namespace BulkResume.Engine.Tests.Http;

public sealed class DlqMessagesHttpTests : IDisposable
{
    private const string ListPath = "/v2/workflows/dlq";
    private readonly HttpHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task A_DlqMessage_has_every_field_of_the_contract_under_its_exact_name()
    {
        DlqEntry entry = FailedRun.For(Seed.Orders).WithDlqId("1752829295505-0").WithRunId("wfr_full").WithBody("hello")
            .WithLabels("billing", "eu").WithFlowControlKey("tenant-a", parallelism: 2, rate: 10, period: TimeSpan.FromSeconds(90))
            .WithFailureCallback("https://example.com/cb", CallbackState.Fail).Build() with
        {
            NotBefore = DateTimeOffset.FromUnixTimeMilliseconds(1752829000000),
            ResponseHeader = Headers("X-Trace", "t-1"),
            FailureCallbackInfo = new FailureCallbackRecord
            {
                State = CallbackState.Fail, ResponseStatus = 502, ResponseBody = "cb down", ResponseHeaders = Headers("X-Cb", "1"),
            },
        };
        await _harness.Server.Engine.DeadLetterAsync(entry);

        HttpReply list = await _harness.SendAsync(HttpMethod.Get, ListPath);
        HttpReply one = await _harness.SendAsync(HttpMethod.Get, ListPath + "/1752829295505-0");

        string message = """
            {"dlqId":"1752829295505-0","messageId":"msg_wfr_full","workflowRunId":"wfr_full","workflowUrl":"https://example.com/api/orders",
            "workflowCreatedAt":1752829235505,"createdAt":1752829295505,"notBefore":1752829000000,"url":"https://example.com/api/orders",
            "method":"POST","header":{"Content-Type":["application/json"]},"body":"hello","maxRetries":3,"callerIP":"203.0.113.7",
            "label":"billing","labels":["billing","eu"],"flowControlKey":"tenant-a","parallelism":2,"rate":10,"period":90,
            "responseStatus":500,"responseHeader":{"X-Trace":["t-1"]},"responseBody":"Internal Server Error",
            "failureCallback":"https://example.com/cb","failureFunctionState":"CALLBACK_FAIL","failureCallbackInfo":{"state":"CALLBACK_FAIL","responseStatus":502,
            "responseBody":"cb down","responseHeaders":{"X-Cb":["1"]}}}
            """.ReplaceLineEndings(string.Empty);
        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Equal("""{"messages":[""" + message + "]}", list.Body);
        Assert.Equal(HttpStatusCode.OK, one.Status);
        Assert.Equal(message, one.Body);
    }

    [Fact]
    public async Task Binary_bodies_go_as_base64_fields_and_absent_values_are_omitted()
    {
        DlqEntry entry = FailedRun.For(Seed.Orders).WithDlqId("dlq-1").WithBody(null).WithCallerIp(null!).Build() with
        {
            BodyBase64 = "AAEC", ResponseBody = null, ResponseBodyBase64 = "/w==", Header = null!, Period = TimeSpan.FromMilliseconds(500),
        };
        await _harness.Server.Engine.DeadLetterAsync(entry);

        HttpReply reply = await _harness.SendAsync(HttpMethod.Get, ListPath + "/dlq-1");

        Assert.Equal(
            ["dlqId", "messageId", "workflowRunId", "workflowUrl", "workflowCreatedAt", "createdAt", "url", "method", "bodyBase64", "maxRetries", "period", "responseStatus", "responseBodyBase64"],
            reply.Json.EnumerateObject().Select(property => property.Name));
        Assert.Equal(("AAEC", "/w==", 0.5), (reply.Json.GetProperty("bodyBase64").GetString(), reply.Json.GetProperty("responseBodyBase64").GetString(), reply.Json.GetProperty("period").GetDouble()));
    }

    [Fact]
    public async Task List_pages_with_count_and_cursor_and_omits_the_cursor_on_the_last_page()
    {
        await _harness.Server.Engine.DeadLetterAsync(Seed.Entries(3));

        HttpReply first = await _harness.SendAsync(HttpMethod.Get, ListPath + "?count=2&workflowUrl=" + Uri.EscapeDataString(Seed.Orders));
        string cursor = first.Json.GetProperty("cursor").GetString()!;
        HttpReply last = await _harness.SendAsync(HttpMethod.Get, $"{ListPath}?count=2&workflowUrl={Uri.EscapeDataString(Seed.Orders)}&cursor={cursor}");

        Assert.Equal(["dlq-00000", "dlq-00001"], DlqIds(first));
        Assert.Equal(["dlq-00002"], DlqIds(last));
        Assert.False(last.Json.TryGetProperty("cursor", out _));
        Assert.Equal(3, await _harness.DlqCountAsync());
    }

    [Fact]
    public async Task The_alias_of_the_TypeScript_SDK_answers_exactly_like_the_list()
    {
        await _harness.Server.Engine.DeadLetterAsync(Seed.Entries(3));

        HttpReply list = await _harness.SendAsync(HttpMethod.Get, ListPath + "?count=2&fromDate=0");
        HttpReply alias = await _harness.SendAsync(HttpMethod.Get, "/v2/dlq?source=workflow&count=2&fromDate=0");
        HttpReply aliasNext = await _harness.SendAsync(HttpMethod.Get, $"/v2/dlq?source=workflow&count=2&fromDate=0&cursor={alias.Json.GetProperty("cursor").GetString()}");

        Assert.Equal(HttpStatusCode.OK, alias.Status);
        Assert.Equal(list.Body, alias.Body);
        Assert.Equal(["dlq-00002"], DlqIds(aliasNext));
    }

    [Theory]
    [InlineData("/v2/dlq", "it is missing")]
    [InlineData("/v2/dlq?source=qstash", "got 'qstash'")]
    [InlineData("/v2/dlq?source=Workflow", "got 'Workflow'")]
    public async Task The_alias_without_source_workflow_is_400_naming_source(string pathAndQuery, string detail)
    {
        await _harness.Server.Engine.DeadLetterAsync(Seed.Entries(1));

        HttpReply reply = await _harness.SendAsync(HttpMethod.Get, pathAndQuery);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.StartsWith("source must be 'workflow' on /v2/dlq", reply.Error, StringComparison.Ordinal);
        Assert.Contains(detail, reply.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?count=0", "count")]
    [InlineData("?count=-3", "count")]
    [InlineData("?count=ten", "count")]
    [InlineData("?cursor=garbage", "cursor")]
    [InlineData("?failureFunctionState=CALLBACK_NOPE", "failureFunctionState")]
    public async Task Bad_list_parameters_are_400_naming_the_parameter(string query, string parameter)
    {
        await _harness.Server.Engine.DeadLetterAsync(Seed.Entries(1));

        HttpReply reply = await _harness.SendAsync(HttpMethod.Get, ListPath + query);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.StartsWith(parameter, reply.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Count_above_100_is_capped()
    {
        await _harness.Server.Engine.DeadLetterAsync(Seed.Entries(101));

        HttpReply reply = await _harness.SendAsync(HttpMethod.Get, ListPath + "?count=101");

        Assert.Equal(100, reply.Json.GetProperty("messages").GetArrayLength());
        Assert.True(reply.Json.TryGetProperty("cursor", out _));
    }

    [Fact]
    public async Task Getting_a_missing_message_is_404_naming_it()
    {
        HttpReply reply = await _harness.SendAsync(HttpMethod.Get, ListPath + "/nope");

        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.Equal("""{"error":"DLQ message nope was not found"}""", reply.Body);
    }

    [Fact]
    public async Task Delete_answers_200_without_a_body_and_then_404()
    {
        await _harness.Server.Engine.DeadLetterAsync(Seed.Entries(2));

        HttpReply deleted = await _harness.SendAsync(HttpMethod.Delete, ListPath + "/dlq-00001");
        HttpReply again = await _harness.SendAsync(HttpMethod.Delete, ListPath + "/dlq-00001");

        Assert.Equal((HttpStatusCode.OK, string.Empty), (deleted.Status, deleted.Body));
        Assert.Null(deleted.Response.Content.Headers.ContentType);
        Assert.Equal(HttpStatusCode.NotFound, again.Status);
        Assert.Equal("DLQ message dlq-00001 was not found", again.Error);
        Assert.Equal(["dlq-00000"], (await _harness.Server.Engine.ListAsync(Engine.DlqSelection.All)).Entries.Ids());
    }

    [Fact]
    public async Task Bulk_delete_answers_the_count_and_a_cursor_until_done()
    {
        await _harness.Server.Engine.DeadLetterAsync(Seed.Entries(110));

        HttpReply first = await _harness.SendAsync(HttpMethod.Delete, ListPath + "?fromDate=0");
        string cursor = first.Json.GetProperty("cursor").GetString()!;
        HttpReply last = await _harness.SendAsync(HttpMethod.Delete, ListPath + "?fromDate=0&cursor=" + cursor);

        Assert.Equal($$"""{"deleted":100,"cursor":"{{cursor}}"}""", first.Body);
        Assert.Equal("""{"deleted":10}""", last.Body);
        Assert.Equal(0, await _harness.DlqCountAsync());
    }

    [Fact]
    public async Task Bulk_delete_by_ids_is_all_or_nothing()
    {
        await _harness.Server.Engine.DeadLetterAsync(Seed.Entries(3));

        HttpReply missing = await _harness.SendAsync(HttpMethod.Delete, ListPath + "?dlqIds=dlq-00000&dlqIds=nope");
        HttpReply deleted = await _harness.SendAsync(HttpMethod.Delete, ListPath + "?dlqIds=dlq-00000,dlq-00002");

        Assert.Equal((HttpStatusCode.NotFound, "Some DLQ messages were not found: nope"), (missing.Status, missing.Error));
        Assert.Equal("""{"deleted":2}""", deleted.Body);
        Assert.Equal(1, await _harness.DlqCountAsync());
    }

    [Theory]
    [InlineData("PUT", "/v2/workflows/dlq/x", "GET, HEAD, DELETE")]
    [InlineData("POST", "/v2/workflows/dlq", "GET, HEAD, DELETE")]
    [InlineData("DELETE", "/v2/workflows/dlq/resume/x", "POST")]
    [InlineData("GET", "/v2/workflows/dlq/callback/x", "POST, DELETE")]
    [InlineData("POST", "/v2/workflows/logs", "GET, HEAD")]
    [InlineData("DELETE", "/v2/dlq", "GET, HEAD")]
    public async Task Wrong_methods_are_405_with_Allow(string method, string path, string allow)
    {
        await _harness.Server.Engine.DeadLetterAsync(FailedRun.For(Seed.Orders).WithDlqId("x").Build());

        HttpReply reply = await _harness.SendAsync(new HttpMethod(method), path);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, reply.Status);
        Assert.Equal(allow, string.Join(", ", reply.Response.Content.Headers.Allow));
        Assert.Equal(1, await _harness.DlqCountAsync());
    }

    private static IReadOnlyDictionary<string, IReadOnlyList<string>> Headers(string name, string value) =>
        new ReadOnlyDictionary<string, IReadOnlyList<string>>(new Dictionary<string, IReadOnlyList<string>> { [name] = [value] });

    private static IEnumerable<string> DlqIds(HttpReply reply) =>
        reply.Json.GetProperty("messages").EnumerateArray().Select(message => message.GetProperty("dlqId").GetString()!);
}
