using BulkResume.Client.Tests.Infrastructure;

namespace BulkResume.Client.Tests.Filters;

/// <summary>
/// A selection can never widen: a value the service would split (a comma in a multi-value parameter) or drop (a blank),
/// and any control character, is refused before anything is sent, with the parameter and the fix named.
/// </summary>
public sealed class NeverWidenTests : WireMockTestBase
{
    public static TheoryData<string, Func<ResumeFilter>, string, string> Refused => new()
    {
        { "label comma", () => ResumeFilter.Create().WithLabel(","), "label", "once per label" },
        { "label joined", () => ResumeFilter.Create().WithLabel("eu,us"), "label", "once per label" },
        { "label blank", () => ResumeFilter.Create().WithLabel(" "), "label", "Pass a label" },
        { "label NUL", () => ResumeFilter.Create().WithLabel("eu\0"), "label", "without control characters" },
        { "label newline", () => ResumeFilter.Create().WithLabel("eu\nus"), "label", "without control characters" },
        { "key comma", () => ResumeFilter.Create().WithFlowControlKey(","), "flowControlKey", "once per flow-control key" },
        { "key control", () => ResumeFilter.Create().WithFlowControlKey("tenant\u0001"), "flowControlKey", "without control characters" },
        { "ids comma", () => ResumeFilter.ForDlqIds(","), "dlqIds", "each id as its own item" },
        { "ids joined", () => ResumeFilter.ForDlqIds("a", "b,c"), "dlqIds", "each id as its own item" },
        { "ids NUL", () => ResumeFilter.ForDlqIds("a\0"), "dlqIds", "without control characters" },
        { "url comma", () => ResumeFilter.Create().ForWorkflowUrl("https://a.example/w?x=1,2"), "workflowUrl", "ForDlqIds" },
        { "url relative", () => ResumeFilter.Create().ForWorkflowUrl("/api/x"), "workflowUrl", "absolute http or https URL" },
        { "url ftp", () => ResumeFilter.Create().ForWorkflowUrl("ftp://x/y"), "workflowUrl", "absolute http or https URL" },
        { "url file", () => ResumeFilter.Create().ForWorkflowUrl("file:///api/x"), "workflowUrl", "absolute http or https URL" },
        { "url control", () => ResumeFilter.Create().ForWorkflowUrl("https://a.example/w\r\n"), "workflowUrl", "without control characters" },
        { "run id control", () => ResumeFilter.Create().ForWorkflowRunIdPrefix("wfr_\0"), "workflowRunIdPrefix", "without control characters" },
        { "ip control", () => ResumeFilter.Create().FromCallerIp("203.0.113.7\n"), "callerIp", "without control characters" },
        { "ip joined", () => ResumeFilter.Create().FromCallerIp("203.0.113.7,203.0.113.8"), "callerIp", "IPv4 or IPv6 address" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_value_the_service_would_split_or_drop_is_refused_before_anything_is_sent(string name, Func<ResumeFilter> build, string parameter, string fix)
    {
        StubResume(RunsJson(null, "wfr_1"));

        await AssertRefusedBeforeSendingAsync<ArgumentException>(() => ToListAsync(Client.Dlq.BulkResumeAsync(build())), parameter, fix, name);
    }

    [Fact]
    public void A_comma_message_says_why_the_service_would_widen_the_selection()
    {
        var error = Assert.Throws<ArgumentException>(() => ResumeFilter.Create().WithLabel("a,b"));

        Assert.Contains("ResumeFilter.WithLabel", error.Message, StringComparison.Ordinal);
        Assert.Contains("splits", error.Message, StringComparison.Ordinal);
        Assert.Contains("index 1", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a\0b")]
    [InlineData("a\nb")]
    [InlineData("\u007f")]
    public async Task A_dlq_id_with_a_control_character_is_refused_by_every_call_on_one_entry(string id)
    {
        Stub("POST", "/v2/workflows/dlq/resume/x", """{"workflowRunId":"wfr_1","workflowCreatedAt":1}""");

        Assert.Equal("dlqId", (await Assert.ThrowsAsync<ArgumentException>(() => Client.Dlq.ResumeAsync(id))).ParamName);
        Assert.Equal("dlqId", (await Assert.ThrowsAsync<ArgumentException>(() => Client.Dlq.RestartAsync(id))).ParamName);
        Assert.Equal("dlqId", (await Assert.ThrowsAsync<ArgumentException>(() => Client.Dlq.GetAsync(id))).ParamName);
        Assert.Equal("dlqId", (await Assert.ThrowsAsync<ArgumentException>(() => Client.Dlq.DeleteAsync(id))).ParamName);
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Client.Dlq.RetryFailureCallbackAsync(id));
        Assert.Contains("without control characters", error.Message, StringComparison.Ordinal);
        Assert.Empty(Requests);
    }

    [Fact]
    public async Task Ids_are_sent_as_repeated_parameters_never_joined_by_commas()
    {
        StubResume(RunsJson(null, "wfr_1"));

        await ToListAsync(Client.Dlq.BulkResumeAsync(ResumeFilter.ForDlqIds("1752829295505-0", "1752829295505-1")));

        var query = QueryOf(Assert.Single(Requests));
        Assert.Equal("dlqIds=1752829295505-0&dlqIds=1752829295505-1", query);
        Assert.DoesNotContain("%2C", query, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_url_with_an_encoded_comma_is_still_a_url_with_a_comma_only_once_decoded()
    {
        StubResume(RunsJson(null, "wfr_1"));

        // %2C is three characters, not a comma: the service decodes the query once, so this selects the URL as written.
        await ToListAsync(Client.Dlq.BulkResumeAsync(ResumeFilter.Create().ForWorkflowUrl("https://a.example/w%2Cx")));

        Assert.Equal("workflowUrl=https%3A%2F%2Fa.example%2Fw%252Cx", QueryOf(Assert.Single(Requests)));
    }
}
