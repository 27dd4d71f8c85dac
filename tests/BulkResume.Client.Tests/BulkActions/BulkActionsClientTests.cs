using System.Text.Json;
using System.Text.Json.Nodes;
using BulkResume.Client.Tests.Infrastructure;
using BulkResume.Internal.Wire;

namespace BulkResume.Client.Tests.BulkActions;

/// <summary>
/// <c>client.BulkActions</c>: the list reads past pages the state filter left empty until no cursor comes back; ids are
/// refused when blank; a kind or state the SDK does not know reads, prints and writes back as it came.
/// </summary>
public sealed class BulkActionsClientTests : WireMockTestBase
{
    private const string ListPath = "/v2/workflows/bulkActions";

    private static string Page(string? cursor, params string[] ids)
    {
        var actions = string.Join(",", ids.Select(id => $$"""{"actionId":"{{id}}","kind":"delete","state":"FINISHED","total":1,"processed":1,"createdAt":1752829295505,"completedAt":1752829295999,"filter":{} }"""));
        return cursor is null ? $$"""{"bulkActions":[{{actions}}]}""" : $$"""{"cursor":"{{cursor}}","bulkActions":[{{actions}}]}""";
    }

    [Fact]
    public async Task The_list_reads_past_empty_filtered_pages_until_no_cursor_comes_back()
    {
        Stub("GET", ListPath, Page("c1", "act_a"));
        Stub("GET", ListPath, Page("c2"), cursor: "c1");
        Stub("GET", ListPath, Page("c3"), cursor: "c2");
        Stub("GET", ListPath, """{"cursor":"","bulkActions":[{"actionId":"act_b","kind":"delete","state":"FINISHED","total":1,"processed":1,"createdAt":1752829295505}]}""", cursor: "c3");

        var actions = await ToListAsync(Client.BulkActions.ListAsync(BulkActionState.Finished));

        Assert.Equal(["act_a", "act_b"], actions.Select(action => action.ActionId));
        Assert.Equal(["state=FINISHED", "state=FINISHED&cursor=c1", "state=FINISHED&cursor=c2", "state=FINISHED&cursor=c3"], Requests.Select(QueryOf));
        Assert.All(Requests, request => Assert.Equal(("GET", ListPath), (request.Method, request.Path)));
    }

    [Fact]
    public async Task Without_a_state_the_list_sends_no_filter_and_a_page_size_hint_is_the_count_up_to_1000()
    {
        Stub("GET", ListPath, Page(null, "act_a"));

        var pages = await ToListAsync(Client.BulkActions.ListAsync().AsPages(pageSizeHint: 1000));

        Assert.Equal("act_a", Assert.Single(Assert.Single(pages).Values).ActionId);
        Assert.Equal("count=1000", QueryOf(Assert.Single(Requests)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Client.BulkActions.ListAsync().AsPages(pageSizeHint: 1001));
    }

    [Fact]
    public async Task A_state_the_SDK_does_not_know_is_refused_before_anything_is_sent_since_the_service_might_list_more()
    {
        var unknown = Assert.Throws<ArgumentOutOfRangeException>(() => Client.BulkActions.ListAsync(new BulkActionState("PAUSED")));
        Assert.Throws<ArgumentOutOfRangeException>(() => Client.BulkActions.ListAsync(default(BulkActionState)));

        Assert.Equal("state", unknown.ParamName);
        Assert.Contains("use one of IN_PROGRESS, FINISHED", unknown.Message, StringComparison.Ordinal);
        await Task.Yield();
        Assert.Empty(Requests);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("act\n1")]
    public async Task A_blank_id_or_one_with_a_control_character_is_refused_by_name_before_anything_is_sent(string actionId)
    {
        await AssertRefusedBeforeSendingAsync<ArgumentException>(() => Client.BulkActions.GetAsync(actionId), "actionId", "The bulk action id");
        Assert.Equal("actionId", Assert.ThrowsAny<ArgumentException>(() => Client.BulkActions.GetOperation(actionId)).ParamName);
        Assert.ThrowsAny<ArgumentException>(() => Client.BulkActions.GetOperation(null!));
    }

    [Fact]
    public async Task An_unknown_kind_and_state_read_print_and_write_back_as_they_came()
    {
        const string Body = """{"actionId":"act_x","kind":"archive","state":"PAUSED","total":5,"processed":1,"createdAt":1752829295505,"filter":{"workflowUrl":["https://a/b"]}}""";
        Stub("GET", ListPath + "/act_x", Body);

        var action = await Client.BulkActions.GetAsync("act_x");

        Assert.Equal(("archive", "PAUSED"), (action.Kind.ToString(), action.State.ToString()));
        Assert.Equal(new BulkActionKind("archive"), action.Kind);
        Assert.True(action.State != BulkActionState.InProgress && action.State != BulkActionState.Finished);
        Assert.Null(action.CompletedAt);
        Assert.Equal("act_x archive PAUSED 1/5", action.ToString());
        var written = JsonNode.Parse(JsonSerializer.Serialize(JsonSerializer.Deserialize(Body, WorkflowJsonContext.Default.BulkActionWire)!, WorkflowJsonContext.Default.BulkActionWire))!;
        Assert.Equal(("archive", "PAUSED"), (written["kind"]!.GetValue<string>(), written["state"]!.GetValue<string>()));
    }

    [Fact]
    public async Task What_the_service_left_out_reads_as_empty()
    {
        Stub("GET", ListPath + "/act_y", """{"actionId":"act_y"}""");

        var action = await Client.BulkActions.GetAsync("act_y");

        Assert.Equal((string.Empty, string.Empty, 0L, 0L), (action.Kind.ToString(), action.State.ToString(), action.Total, action.Processed));
        Assert.Empty(action.Filter);
        Assert.Null(action.CompletedAt);
    }
}
