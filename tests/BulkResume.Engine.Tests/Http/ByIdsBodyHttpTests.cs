using System.Net;
using System.Text;
using BulkResume.Engine.Tests.Support;

namespace BulkResume.Engine.Tests.Http;

/// <summary>
/// The <c>/multi</c> endpoints: the ids in a JSON body, all or nothing, answered in the order of the ids; every body that
/// is not exactly <c>{"dlqIds": [...]}</c> of 1 to 50 distinct ids is a 400 naming the field, and changes nothing.
/// </summary>
public sealed class ByIdsBodyHttpTests : IDisposable
{
    private const string Dlq = "/v2/workflows/dlq";
    private readonly HttpHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    public static TheoryData<string, string> Endpoints() => new()
    {
        { "POST", Dlq + "/resume/multi" },
        { "POST", Dlq + "/restart/multi" },
        { "DELETE", Dlq + "/multi" },
    };

    [Theory]
    [InlineData("/resume/multi", WorkflowRunOrigin.Resumed)]
    [InlineData("/restart/multi", WorkflowRunOrigin.Restarted)]
    public async Task Resume_and_restart_answer_the_new_runs_in_the_order_of_the_ids_with_the_overrides(string path, WorkflowRunOrigin origin)
    {
        await _harness.Server.Engine.DeadLetterAsync(Seed.Entries(4));

        HttpReply reply = await SendAsync("POST", Dlq + path, """{"dlqIds": ["dlq-00002", "dlq-00000", "dlq-00003"]}""", request => request.Headers.Add("Upstash-Retries", "7"));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.False(reply.Json.TryGetProperty("cursor", out _));
        string[] runIds = reply.Json.GetProperty("workflowRuns").EnumerateArray().Select(run => run.GetProperty("workflowRunId").GetString()!).ToArray();
        RunRecord[] runs = await Task.WhenAll(runIds.Select(async id => (await _harness.Server.Store.GetRunAsync(id))!));
        Assert.Equal(["dlq-00002", "dlq-00000", "dlq-00003"], runs.Select(run => run.SourceDlqId));
        Assert.All(runs, run => Assert.Equal((origin, 7), (run.Origin, run.Configuration.Retries)));
        Assert.Equal(1, await _harness.DlqCountAsync());
    }

    [Fact]
    public async Task Delete_answers_how_many_it_deleted_and_makes_no_run()
    {
        await _harness.Server.Engine.DeadLetterAsync(Seed.Entries(3));

        HttpReply reply = await SendAsync("DELETE", Dlq + "/multi", """{"dlqIds": ["dlq-00001", "dlq-00002"]}""");

        Assert.Equal((HttpStatusCode.OK, """{"deleted":2}"""), (reply.Status, reply.Body));
        Assert.NotNull(await _harness.Server.Store.GetAsync("dlq-00000"));
        Assert.Equal(1, await _harness.DlqCountAsync());
        Assert.False((await _harness.Server.Store.GetStatisticsAsync()).RunsByOrigin.ContainsKey(WorkflowRunOrigin.Resumed));
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task A_missing_id_is_404_naming_it_and_nothing_is_taken(string method, string path)
    {
        await _harness.Server.Engine.DeadLetterAsync(Seed.Entries(2));

        HttpReply reply = await SendAsync(method, path, """{"dlqIds": ["dlq-00000", "dlq-nope", "dlq-00001", "dlq-gone"]}""");

        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.Equal("Some DLQ messages were not found: dlq-nope, dlq-gone", reply.Error);
        Assert.Equal(2, await _harness.DlqCountAsync());
    }

    public static TheoryData<string, string, string, string> Refusals()
    {
        var refusals = new TheoryData<string, string, string, string>();
        string tooMany = "{\"dlqIds\": [" + string.Join(", ", Enumerable.Range(0, 51).Select(i => $"\"dlq-{i:D5}\"")) + "]}";
        foreach ((string method, string path) in new[] { ("POST", Dlq + "/resume/multi"), ("POST", Dlq + "/restart/multi"), ("DELETE", Dlq + "/multi") })
        {
            refusals.Add(method, path, string.Empty, "takes the ids in its body, which is empty; send a JSON object like {\"dlqIds\"");
            refusals.Add(method, path, "{\"dlqIds\": [\"dlq-00000\"", "is not JSON");
            refusals.Add(method, path, "{\"dlqIds\": [\"dlq-00000\",]}", "is not JSON");
            refusals.Add(method, path, "[\"dlq-00000\"]", "got an array");
            refusals.Add(method, path, "{}", "The body has no dlqIds");
            refusals.Add(method, path, "{\"dlqIds\": []}", "dlqIds is empty");
            refusals.Add(method, path, "{\"dlqIds\": \"dlq-00000\"}", "dlqIds must be an array of DLQ ids (strings); got a string");
            refusals.Add(method, path, "{\"dlqIds\": [\"dlq-00000\", 7]}", "dlqIds[1] must be a string (a DLQ id); got a number");
            refusals.Add(method, path, "{\"dlqIds\": [\"dlq-00000\", null]}", "dlqIds[1] must be a string (a DLQ id); got null");
            refusals.Add(method, path, "{\"dlqIds\": [\"dlq-00000\", \"dlq-00001\", \"dlq-00000\"]}", "dlqIds[2] repeats 'dlq-00000' of dlqIds[0]; give each id once");
            refusals.Add(method, path, "{\"dlqIds\": [\"dlq-00000\", \" \"]}", "dlqIds has a blank value");
            refusals.Add(method, path, "{\"dlqIds\": [\"dlq-00000\\u0000\"]}", "dlqIds contains a control character");
            refusals.Add(method, path, "{\"dlqIds\": [\"dlq-00000\"], \"workflowUrl\": \"https://example.com\"}", "workflowUrl is not a field of the body");
            refusals.Add(method, path, "{\"dlqids\": [\"dlq-00000\"]}", "Did you mean dlqIds? Field names are case-sensitive");
            refusals.Add(method, path, "{\"dlqIds\": [\"dlq-00000\"], \"dlqIds\": [\"dlq-00001\"]}", "dlqIds is given twice in the body");
            refusals.Add(method, path, tooMany, "dlqIds has 51 ids; at most 50 can be given per request. Split the ids into requests of 50");
            refusals.Add(method, path + "?dlqIds=dlq-00000", "{\"dlqIds\": [\"dlq-00001\"]}", "dlqIds is not a parameter of " + method + " " + path);
        }

        return refusals;
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_body_that_is_not_a_list_of_distinct_ids_is_400_naming_the_fix_and_changes_nothing(string method, string pathAndQuery, string body, string fix)
    {
        await _harness.Server.Engine.DeadLetterAsync(Seed.Entries(60));

        HttpReply reply = await SendAsync(method, pathAndQuery, body);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains(fix, reply.Error, StringComparison.Ordinal);
        Assert.Equal(60, await _harness.DlqCountAsync());
        Assert.Equal(60, (await _harness.Server.Store.GetStatisticsAsync()).RunsByOrigin.Values.Sum());
    }

    [Fact]
    public async Task A_bad_override_header_is_400_naming_it_and_changes_nothing()
    {
        await _harness.Server.Engine.DeadLetterAsync(Seed.Entries(1));

        HttpReply reply = await SendAsync("POST", Dlq + "/restart/multi", """{"dlqIds": ["dlq-00000"]}""", request => request.Headers.Add("Upstash-Delay", "soon"));

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains("Upstash-Delay", reply.Error, StringComparison.Ordinal);
        Assert.Equal(1, await _harness.DlqCountAsync());
    }

    [Fact]
    public async Task An_entry_whose_id_is_multi_is_still_resumed_by_the_bulk_path()
    {
        await _harness.Server.Engine.DeadLetterAsync(FailedRun.For(Seed.Orders).WithDlqId("multi").Build());

        HttpReply reply = await _harness.SendAsync(HttpMethod.Post, Dlq + "/resume?dlqIds=multi");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(0, await _harness.DlqCountAsync());
    }

    private Task<HttpReply> SendAsync(string method, string pathAndQuery, string body, Action<HttpRequestMessage>? configure = null) =>
        _harness.SendAsync(new HttpMethod(method), pathAndQuery, request =>
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            configure?.Invoke(request);
        });
}
