using BulkResume.Client.Tests.Infrastructure;

namespace BulkResume.Client.Tests.Dlq;

/// <summary>Every field of the contract's DlqMessage, with its exact wire name, reaches the typed model.</summary>
public sealed class DlqMessageMappingTests : WireMockTestBase
{
    private const string FullMessage = """
        {
          "dlqId": "1752829295505-0",
          "messageId": "msg_1",
          "workflowRunId": "wfr_1",
          "workflowUrl": "https://app.example.com/api/orders",
          "workflowCreatedAt": 1752829290000,
          "createdAt": 1752829295505,
          "notBefore": 1752829299000,
          "url": "https://app.example.com/api/orders?step=2",
          "method": "PUT",
          "header": { "Content-Type": ["application/json"], "X-Tenant": ["a", "b"] },
          "body": "{\"order\":42}",
          "maxRetries": 3,
          "callerIP": "203.0.113.7",
          "label": "billing",
          "labels": ["billing", "eu"],
          "flowControlKey": "tenant-a",
          "parallelism": 2,
          "rate": 10,
          "period": 60,
          "responseStatus": 500,
          "responseHeader": { "Content-Type": ["text/plain"] },
          "responseBody": "boom",
          "failureCallback": "https://app.example.com/api/failed",
          "failureCallbackInfo": {
            "state": "CALLBACK_FAIL",
            "responseStatus": 502,
            "responseBody": "bad gateway",
            "responseHeaders": { "Retry-After": ["5"] }
          }
        }
        """;

    private async Task<DlqMessage> GetAsync(string json)
    {
        Stub("GET", "/v2/workflows/dlq/1752829295505-0", json);
        var message = await Client.Dlq.GetAsync("1752829295505-0");
        Assert.NotNull(message);
        return message;
    }

    [Fact]
    public async Task Every_field_of_a_full_message_is_mapped()
    {
        var m = await GetAsync(FullMessage);

        Assert.Equal("1752829295505-0", m.DlqId);
        Assert.Equal("msg_1", m.MessageId);
        Assert.Equal("wfr_1", m.WorkflowRunId);
        Assert.Equal("https://app.example.com/api/orders", m.WorkflowUrl);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1752829290000), m.WorkflowCreatedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1752829295505), m.CreatedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1752829299000), m.NotBefore);
        Assert.Equal("https://app.example.com/api/orders?step=2", m.Url);
        Assert.Equal("PUT", m.Method);
        Assert.Equal(["application/json"], m.Header["content-type"]);
        Assert.Equal(["a", "b"], m.Header["X-Tenant"]);
        Assert.Equal("""{"order":42}""", m.Body);
        Assert.Equal("""{"order":42}"""u8.ToArray(), m.GetBodyBytes());
        Assert.Equal(3, m.MaxRetries);
        Assert.Equal("203.0.113.7", m.CallerIp);
        Assert.Equal(["billing", "eu"], m.Labels);
        Assert.Equal("tenant-a", m.FlowControlKey);
        Assert.Equal(2, m.Parallelism);
        Assert.Equal(10, m.Rate);
        Assert.Equal(TimeSpan.FromMinutes(1), m.Period);
        Assert.Equal(500, m.ResponseStatus);
        Assert.Equal(["text/plain"], m.ResponseHeader["Content-Type"]);
        Assert.Equal("boom", m.ResponseBody);
        Assert.Equal("boom"u8.ToArray(), m.GetResponseBodyBytes());
        Assert.Equal("https://app.example.com/api/failed", m.FailureCallback);
        var callback = Assert.IsType<FailureCallbackInfo>(m.FailureCallbackInfo);
        Assert.Equal(FailureCallbackState.Failed, callback.State);
        Assert.Equal(502, callback.ResponseStatus);
        Assert.Equal("bad gateway", callback.ResponseBody);
        Assert.Equal(["5"], callback.ResponseHeaders["retry-after"]);
        Assert.DoesNotContain("application/json", m.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Base64_bodies_are_decoded_only_on_request_and_leave_the_text_bodies_null()
    {
        byte[] body = [0xff, 0x00, 0x80, 0x41];
        byte[] response = [0xc3, 0x28];
        var m = await GetAsync($$"""{"dlqId":"1752829295505-0","createdAt":1,"bodyBase64":"{{Convert.ToBase64String(body)}}","responseBodyBase64":"{{Convert.ToBase64String(response)}}"}""");

        Assert.Null(m.Body);
        Assert.Null(m.ResponseBody);
        Assert.Equal(body, m.GetBodyBytes());
        Assert.Equal(response, m.GetResponseBodyBytes());
        Assert.NotSame(m.GetBodyBytes(), m.GetBodyBytes());
    }

    [Fact]
    public async Task A_minimal_message_has_empty_collections_and_nulls_where_nothing_was_sent()
    {
        var m = await GetAsync("""{"dlqId":"1752829295505-0","createdAt":1752829295505,"notBefore":0}""");

        Assert.Empty(m.Header);
        Assert.Empty(m.ResponseHeader);
        Assert.Empty(m.Labels);
        Assert.Null(m.NotBefore);
        Assert.Null(m.GetBodyBytes());
        Assert.Null(m.GetResponseBodyBytes());
        Assert.Null(m.Period);
        Assert.Null(m.FailureCallbackInfo);
        Assert.Null(m.CallerIp);
    }

    [Theory]
    [InlineData("""{"dlqId":"1752829295505-0","label":"only"}""", new[] { "only" })]
    [InlineData("""{"dlqId":"1752829295505-0","labels":["x","y","x"]}""", new[] { "x", "y" })]
    [InlineData("""{"dlqId":"1752829295505-0","label":"a","labels":["b","a"]}""", new[] { "a", "b" })]
    public async Task Label_and_labels_are_merged_each_once(string json, string[] expected)
    {
        var m = await GetAsync(json);

        Assert.Equal(expected, m.Labels);
    }

    [Theory]
    [MemberData(nameof(CallbackStates))]
    public async Task Failure_callback_states_are_read_by_wire_name_and_unknown_ones_kept_as_sent(string wire, FailureCallbackState expected)
    {
        var m = await GetAsync($$$"""{"dlqId":"1752829295505-0","failureCallbackInfo":{"state":"{{{wire}}}"}}""");

        Assert.Equal(expected, m.FailureCallbackInfo?.State);
        Assert.Equal(wire, m.FailureCallbackInfo?.State?.ToString());
    }

    public static TheoryData<string, FailureCallbackState> CallbackStates() => new()
    {
        { "CALLBACK_INPROGRESS", FailureCallbackState.InProgress },
        { "CALLBACK_SUCCESS", FailureCallbackState.Succeeded },
        { "CALLBACK_FAIL", FailureCallbackState.Failed },
        { "CALLBACK_CANCELED", FailureCallbackState.Canceled },
        { "CALLBACK_SOMETHING_NEW", new FailureCallbackState("CALLBACK_SOMETHING_NEW") },
    };

    [Fact]
    public async Task A_fractional_period_is_kept()
    {
        var m = await GetAsync("""{"dlqId":"1752829295505-0","period":1.5}""");

        Assert.Equal(TimeSpan.FromMilliseconds(1500), m.Period);
    }

    [Theory]
    [InlineData("""{"dlqId":"1752829295505-0","failureFunctionState":"CALLBACK_INPROGRESS"}""", "CALLBACK_INPROGRESS")]
    [InlineData("""{"dlqId":"1752829295505-0","failureCallbackInfo":{"state":"CALLBACK_SUCCESS"}}""", "CALLBACK_SUCCESS")]
    [InlineData("""{"dlqId":"1752829295505-0","failureFunctionState":"CALLBACK_CANCELED","failureCallbackInfo":{"state":"CALLBACK_FAIL"}}""", "CALLBACK_CANCELED")]
    [InlineData("""{"dlqId":"1752829295505-0","failureFunctionState":"","failureCallbackInfo":{"state":"CALLBACK_FAIL"}}""", "CALLBACK_FAIL")]
    [InlineData("""{"dlqId":"1752829295505-0","failureFunctionState":null,"failureCallbackInfo":{"state":"CALLBACK_FAIL"}}""", "CALLBACK_FAIL")]
    [InlineData("""{"dlqId":"1752829295505-0","failureFunctionState":"CALLBACK_SOMETHING_NEW","failureCallbackInfo":{"state":"CALLBACK_FAIL"}}""", "CALLBACK_SOMETHING_NEW")]
    [InlineData("""{"dlqId":"1752829295505-0"}""", null)]
    public async Task The_callback_state_is_read_from_either_form_preferring_failureFunctionState(string json, string? expected)
    {
        var m = await GetAsync(json);

        Assert.Equal(expected, m.FailureCallbackState?.ToString());
    }
}
