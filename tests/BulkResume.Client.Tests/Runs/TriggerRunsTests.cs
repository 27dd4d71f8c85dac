using System.Text;
using System.Text.Json;
using BulkResume.Client.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace BulkResume.Client.Tests.Runs;

/// <summary>
/// Triggering runs: one by <c>POST /v2/trigger/{url}</c> with the payload's bytes as the body and the settings as headers,
/// many by <c>POST /v2/batch/trigger</c> in ordered requests of at most 50; every run with a run id; every refusal before
/// anything is sent.
/// </summary>
public sealed class TriggerRunsTests : WireMockTestBase
{
    private const string Checkout = "https://shop.example.com/api/workflows/checkout";
    private const string BatchPath = "/v2/batch/trigger";

    private static WorkflowTriggerRequest Trigger(string url = Checkout) => new(new Uri(url));

    private void StubTrigger(string body, int status = 200) =>
        Server.Given(Request.Create().WithPath(path => path.StartsWith("/v2/trigger/", StringComparison.Ordinal)).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));

    /// <summary>An answer a WireMock callback computes from the request.</summary>
    private static WireMock.ResponseMessage JsonAnswer(int status, string body) => new()
    {
        StatusCode = status,
        Headers = new Dictionary<string, WireMock.Types.WireMockList<string>> { ["Content-Type"] = new("application/json") },
        BodyData = new WireMock.Util.BodyData { BodyAsString = body, DetectedBodyType = WireMock.Types.BodyType.String },
    };

    [Fact]
    public async Task One_run_is_a_POST_of_the_url_in_the_path_with_the_payload_bytes_and_every_setting_as_its_header()
    {
        StubTrigger("""{"workflowRunId":"wfr_order-42","workflowCreatedAt":1752915695505}""");
        var request = new WorkflowTriggerRequest(new Uri(Checkout))
        {
            Body = WorkflowPayload.FromString("""{"orderId": 42 }""", "application/json"),
            WorkflowRunId = "wfr_order-42",
            Retries = 2,
            RetryDelay = "1000 * (1 + retried)",
            Delay = TimeSpan.FromMinutes(5),
            Labels = ["eu", "vip"],
            FlowControl = new FlowControl("tenant-a", parallelism: 2, rate: 10, period: TimeSpan.FromSeconds(60)),
            FailureCallbackUrl = new Uri("https://shop.example.com/api/failed"),
            Headers = { ["X-Tenant-Id"] = "acme", ["Authorization"] = "Bearer user-secret" },
        };

        TriggeredRun run = await Client.Runs.TriggerAsync(request);

        Assert.Equal(("wfr_order-42", DateTimeOffset.FromUnixTimeMilliseconds(1752915695505), false), (run.WorkflowRunId, run.WorkflowCreatedAt, run.Deduplicated));
        var sent = Assert.Single(Requests);
        Assert.Equal("POST", sent.Method);
        Assert.Equal("/v2/trigger/" + Checkout, new Uri(sent.AbsoluteUrl).AbsolutePath);
        Assert.Equal(string.Empty, QueryOf(sent));
        Assert.Equal("""{"orderId": 42 }"""u8.ToArray(), sent.BodyAsBytes);
        Assert.Equal("application/json", HeaderOf(sent, "Content-Type"));
        Assert.Equal(
            new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                ["Upstash-Workflow-RunId"] = "wfr_order-42",
                ["Upstash-Retries"] = "2",
                ["Upstash-Retry-Delay"] = "1000 * (1 + retried)",
                ["Upstash-Delay"] = "5m",
                ["Upstash-Label"] = "eu,vip",
                ["Upstash-Flow-Control-Key"] = "tenant-a",
                ["Upstash-Flow-Control-Value"] = "parallelism=2, rate=10, period=60s",
                ["Upstash-Failure-Callback"] = "https://shop.example.com/api/failed",
                ["Upstash-Forward-Authorization"] = "Bearer user-secret",
                ["Upstash-Forward-X-Tenant-Id"] = "acme",
            },
            sent.Headers!.Where(header => header.Key.StartsWith("Upstash-", StringComparison.OrdinalIgnoreCase)).ToDictionary(header => header.Key, header => string.Join(",", header.Value), StringComparer.OrdinalIgnoreCase));
        Assert.Equal($"Bearer {Token}", HeaderOf(sent, "Authorization"));
    }

    [Fact]
    public async Task Bytes_go_as_they_are_with_their_content_type_and_no_body_sends_none()
    {
        StubTrigger("""{"workflowRunId":"wfr_x","workflowCreatedAt":1}""");
        byte[] bytes = [0xFF, 0x00, 0xC3, 0x28];

        await Client.Runs.TriggerAsync(new WorkflowTriggerRequest(new Uri(Checkout)) { Body = WorkflowPayload.FromBytes(bytes) });
        await Client.Runs.TriggerAsync(Trigger());

        var (withBytes, without) = (Requests[0], Requests[1]);
        Assert.Equal(bytes, withBytes.BodyAsBytes);
        Assert.Equal("application/octet-stream", HeaderOf(withBytes, "Content-Type"));
        Assert.True(withBytes.BodyAsBytes is not null);
        Assert.True(without.BodyAsBytes is null || without.BodyAsBytes.Length == 0);
        Assert.Null(HeaderOf(without, "Content-Type"));
    }

    [Fact]
    public async Task Without_a_run_id_the_client_makes_a_fresh_wfr_id_per_call_and_returns_it()
    {
        StubTrigger("""{"workflowCreatedAt":1752915695505}""");

        TriggeredRun first = await Client.Runs.TriggerAsync(Trigger());
        TriggeredRun second = await Client.Runs.TriggerAsync(Trigger());

        var sentIds = Requests.Select(request => HeaderOf(request, "Upstash-Workflow-RunId")!).ToArray();
        Assert.Equal([first.WorkflowRunId, second.WorkflowRunId], sentIds);
        Assert.All(sentIds, id => Assert.Matches("^wfr_[0-9A-Za-z_-]{21}$", id));
        Assert.NotEqual(sentIds[0], sentIds[1]);
    }

    [Fact]
    public async Task A_json_payload_is_serialized_once_with_source_generated_metadata()
    {
        StubTrigger("""{"workflowRunId":"wfr_a","workflowCreatedAt":1}""");
        using var document = JsonDocument.Parse("""{ "orderId" : 42, "items": [ "a" ] }""");

        await Client.Runs.TriggerAsync(new WorkflowTriggerRequest(new Uri(Checkout)) { Body = WorkflowPayload.FromJson(document.RootElement) });

        var sent = Assert.Single(Requests);
        Assert.Equal("""{"orderId":42,"items":["a"]}""", Encoding.UTF8.GetString(sent.BodyAsBytes!));
        Assert.Equal("application/json", HeaderOf(sent, "Content-Type"));
    }

    [Fact]
    public async Task Not_before_goes_as_unix_seconds_rounded_up_never_earlier_than_asked()
    {
        StubTrigger("""{"workflowRunId":"wfr_a","workflowCreatedAt":1}""");

        await Client.Runs.TriggerAsync(new WorkflowTriggerRequest(new Uri(Checkout)) { NotBefore = DateTimeOffset.FromUnixTimeMilliseconds(1752915695001) });
        await Client.Runs.TriggerAsync(new WorkflowTriggerRequest(new Uri(Checkout)) { NotBefore = DateTimeOffset.FromUnixTimeSeconds(1752915695) });

        Assert.Equal(["1752915696", "1752915695"], Requests.Select(request => HeaderOf(request, "Upstash-Not-Before")));
    }

    [Fact]
    public async Task A_refusal_is_the_service_message_not_an_unknown_outcome()
    {
        StubTrigger("""{"error":"invalid destination url"}""", status: 400);

        var error = await Assert.ThrowsAsync<WorkflowApiException>(() => Client.Runs.TriggerAsync(Trigger()));

        Assert.IsNotType<OutcomeUnknownException>(error);
        Assert.Equal((400, "invalid destination url"), (error.Status, error.ErrorMessage));
        Assert.StartsWith("/v2/trigger/", error.RequestPath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_500_without_retries_leaves_the_run_in_doubt_by_its_id()
    {
        StubTrigger("""{"error":"boom"}""", status: 500);

        var error = await Assert.ThrowsAsync<OutcomeUnknownException>(() => Client.Runs.TriggerAsync(new WorkflowTriggerRequest(new Uri(Checkout)) { WorkflowRunId = "wfr_order-42" }));

        Assert.Equal(["wfr_order-42"], error.InDoubtIds);
    }

    public static TheoryData<string, Action<WorkflowTriggerRequest>, string> Refusals() => new()
    {
        { "ftp", request => { }, "is not an absolute http or https URL" },
        { "userinfo", request => { }, "has user information" },
        { "fragment", request => { }, "has a fragment" },
        { "query", request => { }, "has a query" },
        { "retries", request => request.Retries = -1, "WorkflowTriggerRequest.Retries must be 0 or more" },
        { "retry delay", request => request.RetryDelay = "pow(2)", "WorkflowTriggerRequest.RetryDelay 'pow(2)' is not a retry-delay expression" },
        { "delay", request => request.Delay = TimeSpan.FromMilliseconds(1500), "WorkflowTriggerRequest.Delay must be a whole number of seconds" },
        { "delay and not before", request => (request.Delay, request.NotBefore) = (TimeSpan.FromSeconds(5), DateTimeOffset.UnixEpoch.AddDays(1)), "Set one of them" },
        { "not before 1970", request => request.NotBefore = DateTimeOffset.UnixEpoch.AddSeconds(-1), "WorkflowTriggerRequest.NotBefore is before 1970" },
        { "labels empty", request => request.Labels = [], "WorkflowTriggerRequest.Labels is empty" },
        { "label comma", request => request.Labels = ["a,b"], "WorkflowTriggerRequest.Labels[0] has a comma" },
        { "callback", request => request.FailureCallbackUrl = new Uri("ftp://x/y"), "WorkflowTriggerRequest.FailureCallbackUrl must be an absolute http or https URL" },
        { "run id blank", request => request.WorkflowRunId = " ", "WorkflowTriggerRequest.WorkflowRunId is blank" },
        { "run id comma", request => request.WorkflowRunId = "a,b", "WorkflowTriggerRequest.WorkflowRunId has a comma" },
        { "run id non-ascii", request => request.WorkflowRunId = "wfr_é", "WorkflowTriggerRequest.WorkflowRunId has 'é'" },
        { "header name blank", request => request.Headers[" "] = "x", "not an HTTP token" },
        { "header name", request => request.Headers["X Tenant"] = "x", "not an HTTP token" },
        { "header value blank", request => request.Headers["X-Tenant"] = "", "WorkflowTriggerRequest.Headers[\"X-Tenant\"] is blank" },
        { "header value control", request => request.Headers["X-Tenant"] = "a\r\nb", "control character" },
        { "header content type", request => request.Headers["content-type"] = "text/plain", "Set it on the payload" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_malformed_request_is_refused_naming_the_property_before_anything_is_sent(string problem, Action<WorkflowTriggerRequest> breakIt, string fix)
    {
        var url = problem switch
        {
            "ftp" => "ftp://shop.example.com/x",
            "userinfo" => "https://user:secret@shop.example.com/x",
            "fragment" => "https://shop.example.com/x#part",
            "query" => "https://shop.example.com/x?tenant=a",
            _ => Checkout,
        };
        var request = Trigger(url);
        breakIt(request);

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => Client.Runs.TriggerAsync(request));

        Assert.True(error.ParamName == "request" && error.Message.Contains(fix, StringComparison.Ordinal), $"{problem}: {error.ParamName}: {error.Message}");
        Assert.Empty(Requests);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Many_runs_go_in_ordered_batches_of_50_as_destination_headers_and_text_body()
    {
        Server.Given(Request.Create().WithPath(BatchPath).UsingPost()).RespondWith(Response.Create().WithCallback(message =>
        {
            var items = JsonDocument.Parse(message.Body!).RootElement.EnumerateArray()
                .Select(item => $$"""{"workflowRunId":"{{item.GetProperty("headers").GetProperty("Upstash-Workflow-RunId").GetString()}}","workflowCreatedAt":1752915695505,"deduplicated":{{(item.GetProperty("headers").GetProperty("Upstash-Workflow-RunId").GetString() == "wfr_007" ? "true" : "false")}}}""");
            return JsonAnswer(201, "[" + string.Join(",", items) + "]");
        }));
        var requests = Enumerable.Range(0, 101).Select(i => new WorkflowTriggerRequest(new Uri(Checkout + "?n=" + i))
        {
            WorkflowRunId = $"wfr_{i:D3}",
            Body = i == 0 ? WorkflowPayload.FromString("{\"n\":0}", "application/json") : null,
            Retries = i == 0 ? 1 : null,
            Headers = { ["X-Index"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        }).ToArray();

        var runs = await Client.Runs.TriggerAsync(requests);

        Assert.Equal(requests.Select(request => request.WorkflowRunId), runs.Select(run => run.WorkflowRunId));
        Assert.Equal([7], runs.Select((run, i) => (run, i)).Where(pair => pair.run.Deduplicated).Select(pair => pair.i));
        var sent = Requests;
        Assert.Equal([50, 50, 1], sent.Select(request => JsonDocument.Parse(request.Body!).RootElement.GetArrayLength()));
        Assert.All(sent, request => Assert.Equal(("POST", BatchPath, string.Empty), (request.Method, request.Path, QueryOf(request))));
        Assert.Equal(
            """{"destination":"https://shop.example.com/api/workflows/checkout?n=0","headers":{"Content-Type":"application/json","Upstash-Workflow-RunId":"wfr_000","Upstash-Retries":"1","Upstash-Forward-X-Index":"0"},"body":"{\u0022n\u0022:0}"}""",
            JsonDocument.Parse(sent[0].Body!).RootElement[0].GetRawText());
        Assert.Equal("{\"n\":0}", JsonDocument.Parse(sent[0].Body!).RootElement[0].GetProperty("body").GetString());
        Assert.Equal(
            """{"destination":"https://shop.example.com/api/workflows/checkout?n=100","headers":{"Upstash-Workflow-RunId":"wfr_100","Upstash-Forward-X-Index":"100"}}""",
            JsonDocument.Parse(sent[2].Body!).RootElement[0].GetRawText());
    }

    [Fact]
    public async Task A_list_refuses_a_repeated_run_id_a_body_that_is_not_text_an_empty_list_and_a_null_item_before_sending()
    {
        await AssertRefusedBeforeSendingAsync<ArgumentException>(
            () => Client.Runs.TriggerAsync([new WorkflowTriggerRequest(new Uri(Checkout)) { WorkflowRunId = "wfr_a" }, Trigger(), new WorkflowTriggerRequest(new Uri(Checkout)) { WorkflowRunId = "wfr_a" }]),
            "requests",
            "requests[2].WorkflowRunId (wfr_a) is the run id of the request at index 0 too");
        await AssertRefusedBeforeSendingAsync<ArgumentException>(
            () => Client.Runs.TriggerAsync([Trigger(), new WorkflowTriggerRequest(new Uri(Checkout)) { Body = WorkflowPayload.FromBytes([0xFF]) }]),
            "requests",
            "requests[1].Body is not valid UTF-8 text");
        await AssertRefusedBeforeSendingAsync<ArgumentException>(() => Client.Runs.TriggerAsync(Array.Empty<WorkflowTriggerRequest>()), "requests", "is empty");
        await AssertRefusedBeforeSendingAsync<ArgumentException>(() => Client.Runs.TriggerAsync([Trigger(), null!]), "requests", "at index 1 is null");
        await AssertRefusedBeforeSendingAsync<ArgumentOutOfRangeException>(
            () => Client.Runs.TriggerAsync([Trigger(), new WorkflowTriggerRequest(new Uri(Checkout)) { Retries = -2 }]),
            "requests",
            "requests[1].Retries must be 0 or more");
    }

    [Fact]
    public async Task A_list_may_carry_a_url_with_a_query_in_the_body()
    {
        Stub("POST", BatchPath, """[{"workflowRunId":"wfr_a","workflowCreatedAt":1752915695505}]""", status: 201);

        var run = Assert.Single(await Client.Runs.TriggerAsync([new WorkflowTriggerRequest(new Uri("https://shop.example.com/x?tenant=a")) { WorkflowRunId = "wfr_a" }]));

        Assert.Equal(("wfr_a", false), (run.WorkflowRunId, run.Deduplicated));
        Assert.Equal("https://shop.example.com/x?tenant=a", JsonDocument.Parse(Assert.Single(Requests).Body!).RootElement[0].GetProperty("destination").GetString());
    }

    [Fact]
    public async Task A_list_whose_answer_counts_other_runs_than_sent_is_in_doubt_request_by_request()
    {
        Stub("POST", BatchPath, """[{"workflowRunId":"wfr_x","workflowCreatedAt":1}]""", status: 201);
        var requests = Enumerable.Range(0, 51).Select(i => new WorkflowTriggerRequest(new Uri(Checkout)) { WorkflowRunId = $"wfr_{i:D2}" }).ToArray();

        var error = await Assert.ThrowsAsync<OutcomeUnknownException>(() => Client.Runs.TriggerAsync(requests));

        Assert.Equal(50, error.InDoubtIds.Count);
        Assert.Empty(error.DoneIds);
        Assert.Equal(["wfr_50"], error.NotAttemptedIds);
        Assert.Single(Requests);
    }

    [Fact]
    public async Task A_failed_second_request_leaves_its_runs_in_doubt_the_first_done_and_the_rest_not_attempted()
    {
        Server.Given(Request.Create().WithPath(BatchPath).UsingPost()).AtPriority(1)
            .RespondWith(Response.Create().WithCallback(message =>
            {
                var first = JsonDocument.Parse(message.Body!).RootElement[0].GetProperty("headers").GetProperty("Upstash-Workflow-RunId").GetString();
                var count = JsonDocument.Parse(message.Body!).RootElement.GetArrayLength();
                var body = first == "wfr_050"
                    ? """{"error":"boom"}"""
                    : "[" + string.Join(",", Enumerable.Repeat("""{"workflowRunId":"r","workflowCreatedAt":1}""", count)) + "]";
                return JsonAnswer(first == "wfr_050" ? 500 : 201, body);
            }));
        var requests = Enumerable.Range(0, 120).Select(i => new WorkflowTriggerRequest(new Uri(Checkout)) { WorkflowRunId = $"wfr_{i:D3}" }).ToArray();
        var ids = requests.Select(request => request.WorkflowRunId!).ToArray();

        var error = await Assert.ThrowsAsync<OutcomeUnknownException>(() => Client.Runs.TriggerAsync(requests));

        Assert.Equal(ids[..50], error.DoneIds);
        Assert.Equal(ids[50..100], error.InDoubtIds);
        Assert.Equal(ids[100..], error.NotAttemptedIds);
    }

    [Fact]
    public void The_request_ToString_names_neither_credentials_nor_query()
    {
        var request = new WorkflowTriggerRequest(new Uri("https://user:secret@shop.example.com/api/x?token=abc")) { WorkflowRunId = "wfr_a" };

        Assert.Equal("https://shop.example.com/api/x (run wfr_a)", request.ToString());
    }
}
