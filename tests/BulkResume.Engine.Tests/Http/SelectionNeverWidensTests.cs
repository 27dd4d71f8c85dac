using System.Net;
using BulkResume.Engine.Sql;
using BulkResume.Engine.Storage;
using BulkResume.Engine.Tests.Support;

namespace BulkResume.Engine.Tests.Http;

/// <summary>
/// Every malformed selection of issue 13 once answered 200 and acted on 50 entries of an unrelated DLQ. Each is now a 400
/// that names the parameter, and the DLQ and the run log are exactly as before.
/// </summary>
public sealed class SelectionNeverWidensTests : IDisposable
{
    private const string Url = "https://shop.example.com/api/workflows/checkout";
    private readonly HttpHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    public static TheoryData<string, string, string> Requests()
    {
        var requests = new TheoryData<string, string, string>();
        string url = Uri.EscapeDataString(Url);
        foreach (string path in new[] { "/v2/workflows/dlq/resume", "/v2/workflows/dlq/restart" })
        {
            requests.Add("POST", path + "?dlqIds=", "dlqIds");
            requests.Add("POST", path + "?dlqIds=,,,", "dlqIds");
            requests.Add("POST", path + "?label=", "label");
            requests.Add("POST", path + "?label=,", "label");
            requests.Add("POST", path + "?workflowUrl=", "workflowUrl");
            requests.Add("POST", path + "?foo=bar", "foo");
            requests.Add("POST", path + "?dlqid=dlq-00001", "dlqid");
            requests.Add("POST", path + "?WorkflowUrl=" + url, "WorkflowUrl");
            requests.Add("POST", path + "?failureCallbackState=CALLBACK_FAIL", "failureCallbackState");
            requests.Add("POST", path + "?label=%00", "label");
            requests.Add("POST", path + "?workflowRunId=wfr%00", "workflowRunId");
            requests.Add("POST", path + "?callerIP=203.0.113.7", "callerIP");
            requests.Add("POST", path + "?responseStatus=500", "responseStatus");
            requests.Add("POST", path + "?flowControlKey=a,", "flowControlKey");
            requests.Add("POST", path + "?count=", "count");
        }

        requests.Add("DELETE", "/v2/workflows/dlq?dlqIds=", "dlqIds");
        requests.Add("DELETE", "/v2/workflows/dlq?workflowurl=" + url, "workflowurl");
        requests.Add("DELETE", "/v2/workflows/dlq?url=" + url, "url");
        requests.Add("DELETE", "/v2/workflows/dlq?label=eu,,us", "label");
        requests.Add("GET", "/v2/workflows/dlq?dlqIds=dlq-00001", "dlqIds");
        requests.Add("POST", "/v2/workflows/dlq/resume/dlq-00001?dlqIds=dlq-00002", "dlqIds");
        requests.Add("DELETE", "/v2/workflows/dlq/dlq%00", "dlqId");
        return requests;
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task A_malformed_selection_is_400_naming_the_parameter_and_changes_nothing(string method, string pathAndQuery, string parameter)
    {
        await _harness.Server.Engine.DeadLetterAsync(FailedRuns.Many(60, i => FailedRun.For(i % 2 == 0 ? Url : Seed.Orders).WithLabels("eu")));
        string before = await SnapshotAsync();

        HttpReply reply = await _harness.SendAsync(new HttpMethod(method), pathAndQuery);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains(parameter, reply.Error, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Theory]
    [InlineData("?WorkflowUrl=x", "Did you mean workflowUrl? Parameter names are case-sensitive. Nothing was changed")]
    [InlineData("?dlqid=x", "is not a parameter of POST /v2/workflows/dlq/resume. Did you mean dlqIds? Nothing was changed")]
    [InlineData("?failureCallbackState=CALLBACK_FAIL", "it is now called failureFunctionState")]
    [InlineData("?callerIP=1.2.3.4", "it is now called callerIp")]
    [InlineData("?url=x", "it is now called workflowUrl. Nothing was changed")]
    [InlineData("?zzz=x", "zzz is not a parameter of POST /v2/workflows/dlq/resume. Nothing was changed")]
    [InlineData("?responseStatus=500", "responseStatus is no longer a filter")]
    public async Task The_message_names_the_fix(string query, string fix)
    {
        HttpReply reply = await _harness.SendAsync(HttpMethod.Post, "/v2/workflows/dlq/resume" + query);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains(fix, reply.Error, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed", reply.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("?.", reply.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Listing_by_ids_is_refused_with_the_way_to_read_them()
    {
        HttpReply reply = await _harness.SendAsync(HttpMethod.Get, "/v2/workflows/dlq?dlqIds=a");

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains("GET /v2/workflows/dlq/{dlqId}", reply.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Comma_separated_workflow_urls_are_split_like_every_multi_value_parameter()
    {
        await _harness.Server.Engine.DeadLetterAsync([.. Seed.Entries(2), .. Seed.Entries(2, Seed.Billing, firstIndex: 2), .. Seed.Entries(2, Seed.Shipping, firstIndex: 4)]);

        HttpReply reply = await _harness.SendAsync(HttpMethod.Get, $"/v2/workflows/dlq?workflowUrl={Uri.EscapeDataString(Seed.Orders)},{Uri.EscapeDataString(Seed.Billing)}");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(4, reply.Json.GetProperty("messages").GetArrayLength());
    }

    [Fact]
    public async Task The_token_is_also_taken_from_the_query_string_and_a_wrong_one_is_401()
    {
        await _harness.Server.Engine.DeadLetterAsync(Seed.Entries(1));

        HttpReply byQuery = await _harness.SendAsync(HttpMethod.Get, "/v2/workflows/dlq?qstash_token=" + DlqTestServer.DefaultToken, authorization: null);
        HttpReply wrong = await _harness.SendAsync(HttpMethod.Get, "/v2/workflows/dlq?qstash_token=nope", authorization: null);
        HttpReply wrongBeside = await _harness.SendAsync(HttpMethod.Get, "/v2/workflows/dlq?qstash_token=nope");

        Assert.Equal(HttpStatusCode.OK, byQuery.Status);
        Assert.Equal(1, byQuery.Json.GetProperty("messages").GetArrayLength());
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongBeside.Status);
        Assert.DoesNotContain("nope", wrong.Error, StringComparison.Ordinal);
    }

    /// <summary>Every entry and every run, as JSON text: equal snapshots mean nothing changed.</summary>
    private async Task<string> SnapshotAsync()
    {
        IDlqStore store = _harness.Server.Store;
        IReadOnlyList<DlqEntry> entries = await store.QueryAsync(new DlqQuery(DlqSelection.All, null, int.MaxValue));
        IReadOnlyList<RunRecord> runs = await store.QueryRunsAsync(new RunQuery(RunSelection.All, null, int.MaxValue));
        return string.Join("\n", entries.Select(entry => StoredJson.Serialize(entry)).Concat(runs.Select(run => StoredJson.Serialize(run))));
    }
}
