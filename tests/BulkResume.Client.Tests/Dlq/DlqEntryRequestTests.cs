using BulkResume.Client.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace BulkResume.Client.Tests.Dlq;

/// <summary>The calls on one DLQ entry: exact method, escaped path, headers, no body; 404 handling; blank ids refused.</summary>
public sealed class DlqEntryRequestTests : WireMockTestBase
{
    private const string RunJson = """{"workflowRunId":"wfr_new","workflowCreatedAt":1752829301000}""";
    private const string OddId = "1752829295505-0/a b?c#d";
    private const string OddIdEscaped = "1752829295505-0%2Fa%20b%3Fc%23d";

    public static TheoryData<string, string, Func<DlqClient, string, Task>> Calls => new()
    {
        { "GET", "/v2/workflows/dlq/", (dlq, id) => dlq.GetAsync(id) },
        { "POST", "/v2/workflows/dlq/resume/", (dlq, id) => dlq.ResumeAsync(id) },
        { "POST", "/v2/workflows/dlq/restart/", (dlq, id) => dlq.RestartAsync(id) },
        { "DELETE", "/v2/workflows/dlq/", (dlq, id) => dlq.DeleteAsync(id) },
        { "POST", "/v2/workflows/dlq/callback/", (dlq, id) => dlq.RetryFailureCallbackAsync(id) },
        { "DELETE", "/v2/workflows/dlq/callback/", (dlq, id) => dlq.CancelFailureCallbackAsync(id) },
    };

    public static TheoryData<string, Func<DlqClient, string, Task>> CallsThatThrowOn404 => new()
    {
        { "/v2/workflows/dlq/resume/", (dlq, id) => dlq.ResumeAsync(id) },
        { "/v2/workflows/dlq/restart/", (dlq, id) => dlq.RestartAsync(id) },
        { "/v2/workflows/dlq/callback/", (dlq, id) => dlq.RetryFailureCallbackAsync(id) },
    };

    private void AnswerEverything(int status, string body) =>
        Server.Given(Request.Create().UsingAnyMethod())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task Each_call_sends_its_method_and_the_escaped_id_in_the_path_without_query_or_body(string method, string pathPrefix, Func<DlqClient, string, Task> call)
    {
        AnswerEverything(200, method == "GET" ? """{"dlqId":"x","createdAt":1}""" : RunJson);

        await call(Client.Dlq, OddId);

        var request = Assert.Single(Requests);
        Assert.Equal(method, request.Method);
        Assert.EndsWith(pathPrefix + OddIdEscaped, new Uri(request.AbsoluteUrl).AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(string.Empty, QueryOf(request));
        Assert.Equal($"Bearer {Token}", HeaderOf(request, "Authorization"));
        Assert.True(string.IsNullOrEmpty(request.Body), "DLQ calls take no body");
    }

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task A_blank_id_is_refused_by_name_before_any_request(string method, string pathPrefix, Func<DlqClient, string, Task> call)
    {
        AnswerEverything(200, RunJson);

        foreach (var blank in new[] { "", "  " })
        {
            var error = await Assert.ThrowsAsync<ArgumentException>(() => call(Client.Dlq, blank));
            Assert.Equal("dlqId", error.ParamName);
            Assert.Contains("DlqMessage.DlqId", error.Message, StringComparison.Ordinal);
        }

        Assert.True(Requests.Count == 0, $"{method} {pathPrefix}: nothing may be sent");
    }

    [Fact]
    public async Task Resume_one_sends_the_override_headers_and_maps_the_new_run()
    {
        Stub("POST", "/v2/workflows/dlq/resume/1752829295505-0", RunJson);

        var run = await Client.Dlq.ResumeAsync("1752829295505-0", new ResumeOptions { FlowControl = new FlowControl("tenant-a", parallelism: 2, rate: 3, period: TimeSpan.FromSeconds(30)), Retries = 4 });

        Assert.Equal("wfr_new", run.WorkflowRunId);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1752829301000), run.WorkflowCreatedAt);
        var request = Assert.Single(Requests);
        Assert.Equal("tenant-a", HeaderOf(request, "Upstash-Flow-Control-Key"));
        Assert.Equal("parallelism=2, rate=3, period=30s", HeaderOf(request, "Upstash-Flow-Control-Value"));
        Assert.Equal("4", HeaderOf(request, "Upstash-Retries"));
    }

    [Fact]
    public async Task Restart_one_sends_the_override_headers_and_maps_the_new_run()
    {
        Stub("POST", "/v2/workflows/dlq/restart/1752829295505-0", RunJson);

        var run = await Client.Dlq.RestartAsync("1752829295505-0", new ResumeOptions { Retries = 0 });

        Assert.Equal("wfr_new", run.WorkflowRunId);
        var request = Assert.Single(Requests);
        Assert.Equal("0", HeaderOf(request, "Upstash-Retries"));
        Assert.Null(HeaderOf(request, "Upstash-Flow-Control-Key"));
    }

    [Fact]
    public async Task Resume_one_without_options_sends_no_override_header()
    {
        Stub("POST", "/v2/workflows/dlq/resume/id-1", RunJson);

        await Client.Dlq.ResumeAsync("id-1");

        var request = Assert.Single(Requests);
        Assert.Null(HeaderOf(request, "Upstash-Retries"));
        Assert.Null(HeaderOf(request, "Upstash-Flow-Control-Key"));
        Assert.Null(HeaderOf(request, "Upstash-Flow-Control-Value"));
    }

    [Fact]
    public async Task Out_of_range_options_on_resume_one_are_refused_before_any_request()
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Client.Dlq.ResumeAsync("id-1", new ResumeOptions { Retries = -1 }));

        Assert.Equal("options", error.ParamName);
        Assert.Empty(Requests);
    }

    [Theory]
    [MemberData(nameof(CallsThatThrowOn404))]
    public async Task A_404_on_resume_restart_or_callback_names_the_missing_id(string pathPrefix, Func<DlqClient, string, Task> call)
    {
        Stub("POST", pathPrefix + "gone-1", """{"error":"Some DLQ messages were not found"}""", status: 404);

        var error = await Assert.ThrowsAsync<DlqEntriesNotFoundException>(() => call(Client.Dlq, "gone-1"));

        Assert.Equal(["gone-1"], error.DlqIds);
        Assert.Equal(404, error.Status);
    }

    [Fact]
    public async Task Get_answers_null_on_404()
    {
        Stub("GET", "/v2/workflows/dlq/gone-1", """{"error":"DLQ message not found"}""", status: 404);

        Assert.Null(await Client.Dlq.GetAsync("gone-1"));
    }

    [Fact]
    public async Task Delete_answers_true_when_deleted_and_false_on_404()
    {
        Stub("DELETE", "/v2/workflows/dlq/here-1", body: null);
        Stub("DELETE", "/v2/workflows/dlq/gone-1", """{"error":"DLQ message not found"}""", status: 404);

        Assert.True(await Client.Dlq.DeleteAsync("here-1"));
        Assert.False(await Client.Dlq.DeleteAsync("gone-1"));
        Assert.Equal(2, Requests.Count);
    }

    [Fact]
    public async Task Retrying_a_callback_that_has_not_failed_surfaces_the_services_400()
    {
        Stub("POST", "/v2/workflows/dlq/callback/id-1", """{"error":"failure callback has not failed"}""", status: 400);

        var error = await Assert.ThrowsAsync<WorkflowApiException>(() => Client.Dlq.RetryFailureCallbackAsync("id-1"));

        Assert.Equal(400, error.Status);
        Assert.Equal("failure callback has not failed", error.ErrorMessage);
        Assert.DoesNotContain(Token, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Other_errors_on_get_and_delete_are_not_mistaken_for_not_found_and_a_delete_that_ends_in_500_is_in_doubt()
    {
        Stub("GET", "/v2/workflows/dlq/id-1", """{"error":"boom"}""", status: 500);
        Stub("DELETE", "/v2/workflows/dlq/id-1", """{"error":"boom"}""", status: 500);

        Assert.Equal(500, (await Assert.ThrowsAsync<WorkflowApiException>(() => Client.Dlq.GetAsync("id-1"))).Status);
        var delete = await Assert.ThrowsAsync<OutcomeUnknownException>(() => Client.Dlq.DeleteAsync("id-1"));
        Assert.Equal(500, delete.Status);
        Assert.Equal(["id-1"], delete.InDoubtIds);
    }
}
