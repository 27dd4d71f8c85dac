using BulkResume.Client.Tests.Infrastructure;

namespace BulkResume.Client.Tests.Dlq;

/// <summary>Listing the DLQ: the filter's query, page size, explicit ids, and cursor paging.</summary>
public sealed class DlqListTests : WireMockTestBase
{
    private const string ListPath = "/v2/workflows/dlq";

    private static string MessagesJson(string? cursor, params string[] dlqIds)
    {
        var messages = string.Join(",", dlqIds.Select(id => $$"""{"dlqId":"{{id}}","workflowRunId":"wfr_{{id}}","createdAt":1752829295505}"""));
        var cursorPart = cursor is null ? string.Empty : $"\"cursor\":\"{cursor}\",";
        return $$"""{{{cursorPart}}"messages":[{{messages}}]}""";
    }

    [Fact]
    public async Task An_empty_filter_lists_everything_with_a_bare_GET()
    {
        Stub("GET", ListPath, MessagesJson(null, "d1"));

        var messages = await ToListAsync(Client.Dlq.ListAsync(ResumeFilter.Create()));

        Assert.Equal("d1", Assert.Single(messages).DlqId);
        var request = Assert.Single(Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal(ListPath, request.Path);
        Assert.Equal(string.Empty, QueryOf(request));
        Assert.Equal($"Bearer {Token}", HeaderOf(request, "Authorization"));
        Assert.True(string.IsNullOrEmpty(request.Body), "listing takes no body");
    }

    [Fact]
    public async Task Criteria_and_the_page_size_are_sent_as_the_contract_query()
    {
        Stub("GET", ListPath, MessagesJson(null, "d1"));
        var filter = ResumeFilter.Create()
            .FailedAfter(DateTimeOffset.FromUnixTimeMilliseconds(1752829295505))
            .ForWorkflowUrl("https://a.example/w")
            .WithFailureCallbackState(FailureCallbackState.Failed);

        await ToListAsync(Client.Dlq.ListAsync(filter, pageSize: 25));

        Assert.Equal(
            "fromDate=1752829295505&workflowUrl=https%3A%2F%2Fa.example%2Fw&failureFunctionState=CALLBACK_FAIL&count=25",
            QueryOf(Assert.Single(Requests)));
    }

    [Fact]
    public async Task Three_pages_are_followed_by_cursor_and_map_each_message()
    {
        Stub("GET", ListPath, MessagesJson("c1", "d1", "d2"));
        Stub("GET", ListPath, MessagesJson("c2", "d3"), cursor: "c1");
        Stub("GET", ListPath, """{"cursor":"","messages":[{"dlqId":"d4","createdAt":1}]}""", cursor: "c2");

        var pages = await ToListAsync(Client.Dlq.ListAsync(ResumeFilter.Create().WithLabel("l"), pageSize: 2).AsPages());

        Assert.Equal(["c1", "c2", null], pages.Select(p => p.ContinuationToken));
        Assert.Equal(["d1", "d2", "d3", "d4"], pages.SelectMany(p => p.Values).Select(m => m.DlqId));
        Assert.Equal("wfr_d1", pages[0].Values[0].WorkflowRunId);
        Assert.Equal(["label=l&count=2", "label=l&count=2&cursor=c1", "label=l&count=2&cursor=c2"], Requests.Select(QueryOf));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    [InlineData(-5)]
    public void A_page_size_outside_1_to_100_is_refused_before_any_request(int pageSize)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Client.Dlq.ListAsync(ResumeFilter.All(), pageSize));

        Assert.Equal("pageSize", error.ParamName);
        Assert.Contains("100", error.Message, StringComparison.Ordinal);
        Assert.Empty(Requests);
    }

    [Fact]
    public async Task A_page_size_of_100_is_accepted()
    {
        Stub("GET", ListPath, MessagesJson(null));

        var messages = await ToListAsync(Client.Dlq.ListAsync(ResumeFilter.All(), pageSize: 100));

        Assert.Empty(messages);
        Assert.Equal("count=100", QueryOf(Assert.Single(Requests)));
    }
}
