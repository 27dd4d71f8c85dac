using System.Text.Json;
using BulkResume.Engine.Delivery;

namespace BulkResume.Engine.Tests.Delivery;

/// <summary>The delivered JSON is what <c>JSON.stringify</c> writes, so an endpoint that parses and re-serialises it before checking the signature gets the signed bytes.</summary>
public sealed class RawStepsTests
{
    [Fact]
    public void A_history_serialises_compactly_with_plus_and_slash_unescaped_as_JSON_stringify_writes_them()
    {
        byte[] body = RawSteps.Serialize([new RawStep("msg_a", "+/+/8w==", "step"), new RawStep("msg_b", "", "step")]);

        Assert.Equal("""[{"messageId":"msg_a","body":"+/+/8w==","callType":"step"},{"messageId":"msg_b","body":"","callType":"step"}]""", System.Text.Encoding.UTF8.GetString(body));
    }

    [Fact]
    public void A_failure_call_body_leaves_plus_slash_and_html_characters_unescaped()
    {
        var body = new FailureCallBody
        {
            Status = 500,
            Header = new Dictionary<string, IReadOnlyList<string>> { ["Content-Type"] = ["text/plain;charset=UTF-8"] },
            Body = "+/8=",
            Retried = 1,
            MaxRetries = 1,
            DlqId = "1-0",
            SourceMessageId = "msg_a",
            Url = "http://127.0.0.1:1/api/wf?a=1&b=<2>",
            Method = "POST",
            SourceHeader = new Dictionary<string, IReadOnlyList<string>>(),
            SourceBody = "e30=",
            WorkflowRunId = "wfr_a",
            WorkflowCreatedAt = 1,
        };

        string json = JsonSerializer.Serialize(body, DeliveryJsonContext.Relaxed.FailureCallBody);

        Assert.Equal(
            """{"status":500,"header":{"Content-Type":["text/plain;charset=UTF-8"]},"body":"+/8=","retried":1,"maxRetries":1,"dlqId":"1-0","sourceMessageId":"msg_a","url":"http://127.0.0.1:1/api/wf?a=1&b=<2>","method":"POST","sourceHeader":{},"sourceBody":"e30=","workflowRunId":"wfr_a","workflowCreatedAt":1}""",
            json);
    }
}
