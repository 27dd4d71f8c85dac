using System.Net;
using System.Text;
using System.Text.Json;
using BulkResume.Engine.Tests.Support;

namespace BulkResume.Engine.Tests.Delivery;

/// <summary>The protocol's routes as the SDK calls them: what they accept, answer and refuse (no endpoint listens here).</summary>
public sealed class WorkflowProtocolHttpTests : IDisposable
{
    private const string Url = "http://127.0.0.1:9/api/wf";
    private readonly HttpHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task An_init_message_with_a_json_object_body_creates_a_run_whose_history_the_lazy_fetch_returns()
    {
        HttpReply created = await BatchAsync($$$"""[{"destination":"{{{Url}}}","headers":{"Upstash-Workflow-Init":"true","UPSTASH-WORKFLOW-RUNID":"wfr_obj"},"body":{"a":"+/"}}]""");
        HttpReply history = await _harness.SendAsync(HttpMethod.Get, "/v2/workflows/runs/wfr_obj");

        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Equal(HttpStatusCode.OK, history.Status);
        JsonElement init = JsonDocument.Parse(history.Body).RootElement[0];
        Assert.Equal(JsonDocument.Parse(created.Body).RootElement[0].GetProperty("messageId").GetString(), init.GetProperty("messageId").GetString());
        Assert.Equal("""{"a":"+/"}""", Encoding.UTF8.GetString(Convert.FromBase64String(init.GetProperty("body").GetString()!)));
        Assert.Equal("step", init.GetProperty("callType").GetString());
        RunRecord run = (await _harness.Server.Store.GetRunAsync("wfr_obj"))!;
        Assert.Equal((RunState.Started, 3, Url), (run.State, run.Configuration.Retries, run.FailureFunction!.Url));
    }

    [Fact]
    public async Task An_init_message_for_a_run_that_exists_is_answered_deduplicated_and_changes_nothing()
    {
        string init = $$"""[{"destination":"{{Url}}","headers":{"upstash-workflow-init":"true","upstash-workflow-runid":"wfr_twice"},"body":"p"}]""";
        HttpReply first = await BatchAsync(init);
        HttpReply second = await BatchAsync(init);

        string messageId = JsonDocument.Parse(first.Body).RootElement[0].GetProperty("messageId").GetString()!;
        Assert.Equal($$"""[{"messageId":"{{messageId}}","deduplicated":true}]""", second.Body);
        Assert.Single(await _harness.Server.Store.GetDeliveriesAsync("wfr_twice"));
    }

    [Fact]
    public async Task A_step_published_to_the_publish_route_appends_to_the_history()
    {
        await BatchAsync($$"""[{"destination":"{{Url}}","headers":{"upstash-workflow-init":"true","upstash-workflow-runid":"wfr_pub"},"body":"p"}]""");

        HttpReply published = await _harness.SendAsync(HttpMethod.Post, "/v2/publish/" + Url, request =>
        {
            request.Headers.TryAddWithoutValidation("Upstash-Workflow-RunId", "wfr_pub");
            request.Content = new StringContent("""{"stepId":1,"stepName":"call","stepType":"Call","out":"{}","concurrent":1}""", Encoding.UTF8, "application/json");
        });
        HttpReply history = await _harness.SendAsync(HttpMethod.Get, "/v2/workflows/runs/wfr_pub");

        Assert.Equal(HttpStatusCode.OK, published.Status);
        Assert.Matches("""^\{"messageId":"msg_[a-z2-7]+"\}$""", published.Body);
        Assert.Equal(2, JsonDocument.Parse(history.Body).RootElement.GetArrayLength());
        Assert.Equal(["init", "call"], (await _harness.Server.Store.GetRunAsync("wfr_pub"))!.Steps.Where(step => step.State == StepState.Success).Select(step => step.StepName));
    }

    [Theory]
    [InlineData("not json", "body")]
    [InlineData("[]", "body")]
    [InlineData("""[{"headers":{}}]""", "has no destination")]
    [InlineData("""[{"destination":"ftp://x","headers":{}}]""", "absolute http or https URL")]
    [InlineData("""[{"destination":"http://127.0.0.1:9/","queue":"q"}]""", "queue is not a field")]
    [InlineData("""[{"destination":"http://127.0.0.1:9/","headers":{"upstash-workflow-init":"true"}}]""", "upstash-workflow-runid")]
    [InlineData("""[{"destination":"http://127.0.0.1:9/","headers":{"upstash-workflow-init":"true","upstash-workflow-runid":"wfr_x","upstash-retries":"many"}}]""", "Upstash-Retries")]
    [InlineData("""[{"destination":"http://127.0.0.1:9/","headers":{"upstash-workflow-init":"maybe","upstash-workflow-runid":"wfr_x"}}]""", "upstash-workflow-init must be true or false")]
    [InlineData("""[{"destination":"http://127.0.0.1:9/","headers":{"upstash-workflow-runid":"wfr_x"},"body":"{}"}]""", "step JSON")]
    public async Task Malformed_messages_are_refused_with_400_naming_the_field_and_nothing_is_created(string batch, string named)
    {
        HttpReply reply = await BatchAsync(batch);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains(named, reply.Error, StringComparison.Ordinal);
        Assert.Null(await _harness.Server.Store.GetRunAsync("wfr_x"));
    }

    [Fact]
    public async Task A_context_call_message_is_refused_with_412_naming_the_feature()
    {
        HttpReply reply = await BatchAsync("""[{"destination":"https://api.example.com/","headers":{"upstash-workflow-runid":"wfr_x","upstash-workflow-calltype":"toCallback"},"body":"{}"}]""");

        Assert.Equal(HttpStatusCode.PreconditionFailed, reply.Status);
        Assert.Contains("context.call", reply.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_lazy_fetch_of_an_unknown_or_ended_run_is_404_and_a_canceled_run_has_no_deliveries_left()
    {
        await BatchAsync($$"""[{"destination":"{{Url}}","headers":{"upstash-workflow-init":"true","upstash-workflow-runid":"wfr_cancel"},"body":"p"}]""");

        HttpReply canceled = await _harness.SendAsync(HttpMethod.Delete, "/v2/workflows/runs/wfr_cancel?cancel=true");
        HttpReply ended = await _harness.SendAsync(HttpMethod.Get, "/v2/workflows/runs/wfr_cancel");
        HttpReply unknown = await _harness.SendAsync(HttpMethod.Get, "/v2/workflows/runs/wfr_nobody");

        Assert.Equal(HttpStatusCode.OK, canceled.Status);
        Assert.Equal(RunState.Canceled, (await _harness.Server.Store.GetRunAsync("wfr_cancel"))!.State);
        Assert.Empty(await _harness.Server.Store.GetDeliveriesAsync("wfr_cancel"));
        Assert.Equal(HttpStatusCode.NotFound, ended.Status);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
    }

    private Task<HttpReply> BatchAsync(string body) =>
        _harness.SendAsync(HttpMethod.Post, "/v2/batch", request => request.Content = new StringContent(body, Encoding.UTF8, "application/json"));
}
