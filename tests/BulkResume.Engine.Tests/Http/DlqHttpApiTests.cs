using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using BulkResume.Engine.Storage;
using BulkResume.Engine.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace BulkResume.Engine.Tests.Http;

public sealed class DlqHttpApiTests : IDisposable
{
    private const string ResumePath = "/v2/workflows/dlq/resume";
    private readonly HttpHarness _harness = new();
    private readonly FakeTimeProvider _clock;
    private readonly DlqTestServer _server;
    private readonly HttpClient _http;

    public DlqHttpApiTests()
    {
        (_clock, _server, _http) = (_harness.Clock, _harness.Server, _harness.Http);
    }

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task Bulk_resume_answers_runs_and_a_cursor_then_omits_the_cursor_when_done()
    {
        await _server.Engine.DeadLetterAsync(Seed.Entries(3));

        (HttpStatusCode status, string body, HttpResponseMessage first) = await SendAsync(HttpMethod.Post, ResumePath + "?count=2&fromDate=0");
        string cursor = JsonDocument.Parse(body).RootElement.GetProperty("cursor").GetString()!;
        (_, string lastBody, _) = await SendAsync(HttpMethod.Post, $"{ResumePath}?count=2&fromDate=0&cursor={Uri.EscapeDataString(cursor)}");

        long now = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/json", first.Content.Headers.ContentType?.MediaType);
        Assert.Equal(
            $$"""{"cursor":"{{cursor}}","workflowRuns":[{"workflowRunId":"wfr_test000001","workflowCreatedAt":{{now}}},{"workflowRunId":"wfr_test000002","workflowCreatedAt":{{now}}}]}""",
            body);
        Assert.Equal($$"""{"workflowRuns":[{"workflowRunId":"wfr_test000003","workflowCreatedAt":{{now}}}]}""", lastBody);
        Assert.Equal(0, await DlqCountAsync());
    }

    [Theory]
    [InlineData("?dlqIds=dlq-00001&dlqIds=dlq-00003")]
    [InlineData("?dlqIds=dlq-00001,dlq-00003")]
    [InlineData("?dlqIds=dlq-00001%2C%20dlq-00003")]
    public async Task Ids_are_accepted_as_repeated_keys_or_comma_separated(string query)
    {
        await _server.Engine.DeadLetterAsync(Seed.Entries(5));

        (HttpStatusCode status, _, _) = await SendAsync(HttpMethod.Post, ResumePath + query);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(await _server.Store.GetAsync("dlq-00001"));
        Assert.Null(await _server.Store.GetAsync("dlq-00003"));
        Assert.Equal(3, await DlqCountAsync());
    }

    [Fact]
    public async Task Filters_and_override_headers_reach_the_engine()
    {
        await _server.Engine.DeadLetterAsync(FailedRuns.Many(4, i => FailedRun.For(i < 2 ? Seed.Orders : Seed.Billing)
            .WithDlqId($"dlq-{i}").WithLabels(i % 2 == 0 ? "even" : "odd").WithFailureCallback("https://example.com/cb", CallbackState.Fail)
            .FailedAt(Seed.T0.AddSeconds(i))));

        (HttpStatusCode status, string body, _) = await SendAsync(
            HttpMethod.Post,
            $"{ResumePath}?workflowUrl={Uri.EscapeDataString(Seed.Billing)}&label=even&label=none&failureFunctionState=CALLBACK_FAIL",
            request =>
            {
                request.Headers.Add("Upstash-Flow-Control-Key", "tenant-z");
                request.Headers.Add("Upstash-Flow-Control-Value", "parallelism=3,rate=7, period=2m");
                request.Headers.Add("Upstash-Retries", "0");
            });

        Assert.Equal(HttpStatusCode.OK, status);
        string runId = JsonDocument.Parse(body).RootElement.GetProperty("workflowRuns")[0].GetProperty("workflowRunId").GetString()!;
        RunRecord? run = await _server.Store.GetRunAsync(runId);
        Assert.Equal("dlq-2", run!.SourceDlqId);
        Assert.Equal(new WorkflowRunConfiguration { FlowControlKey = "tenant-z", Parallelism = 3, Rate = 7, Period = TimeSpan.FromMinutes(2), Retries = 0 }, run.Configuration);
        Assert.Equal(3, await DlqCountAsync());
    }

    [Theory]
    [InlineData("60", 60_000)]
    [InlineData("60s", 60_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1d", 86_400_000)]
    public async Task Period_is_seconds_when_bare_or_takes_a_unit(string period, long milliseconds)
    {
        await _server.Engine.DeadLetterAsync(Seed.Entries(1));

        (_, string body, _) = await SendAsync(HttpMethod.Post, ResumePath, request =>
        {
            request.Headers.Add("Upstash-Flow-Control-Key", "k");
            request.Headers.Add("Upstash-Flow-Control-Value", "rate=1, period=" + period);
        });

        string runId = JsonDocument.Parse(body).RootElement.GetProperty("workflowRuns")[0].GetProperty("workflowRunId").GetString()!;
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), (await _server.Store.GetRunAsync(runId))!.Configuration.Period);
    }

    [Theory]
    [InlineData("?count=0", "count")]
    [InlineData("?count=-1", "count")]
    [InlineData("?count=abc", "count")]
    [InlineData("?fromDate=5000&toDate=4000", "fromDate")]
    [InlineData("?fromDate=yesterday", "fromDate")]
    [InlineData("?toDate=1.5", "toDate")]
    [InlineData("?workflowCreatedAt=x", "workflowCreatedAt")]
    [InlineData("?failureFunctionState=CALLBACK_MAYBE", "failureFunctionState")]
    [InlineData("?cursor=garbage", "cursor")]
    [InlineData("?workflowRunId=a&workflowRunId=b", "workflowRunId")]
    public async Task Bad_query_parameters_are_400_naming_the_parameter_and_change_nothing(string query, string parameter)
    {
        await _server.Engine.DeadLetterAsync(Seed.Entries(3));

        (HttpStatusCode status, string body, _) = await SendAsync(HttpMethod.Post, ResumePath + query);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(parameter, Error(body), StringComparison.Ordinal);
        Assert.Equal(3, await DlqCountAsync());
    }

    [Theory]
    [InlineData("Upstash-Flow-Control-Value", "parallelism=abc")]
    [InlineData("Upstash-Flow-Control-Value", "parallelism=0")]
    [InlineData("Upstash-Flow-Control-Value", "speed=3")]
    [InlineData("Upstash-Flow-Control-Value", "rate=1, rate=2")]
    [InlineData("Upstash-Flow-Control-Value", "period=5w")]
    [InlineData("Upstash-Flow-Control-Value", "")]
    [InlineData("Upstash-Retries", "-1")]
    [InlineData("Upstash-Retries", "many")]
    [InlineData("Upstash-Flow-Control-Key", " ")]
    [InlineData("Upstash-Flow-Control-Key", "key-without-limits")]
    [InlineData("Upstash-Delay", "10")]
    [InlineData("Upstash-Delay", "1.5s")]
    [InlineData("Upstash-Delay", "-1s")]
    [InlineData("Upstash-Delay", "500ms")]
    [InlineData("Upstash-Delay", "3w")]
    [InlineData("Upstash-Retry-Delay", "1000 * retires")]
    [InlineData("Upstash-Retry-Delay", "pow(2) * 1000")]
    [InlineData("Upstash-Retry-Delay", "1000 +")]
    [InlineData("Upstash-Retry-Delay", "(1000")]
    [InlineData("Upstash-Label", "a,,b")]
    [InlineData("Upstash-Label", ",")]
    [InlineData("Upstash-Label", " ")]
    [InlineData("Upstash-Failure-Callback", "/api/failed")]
    [InlineData("Upstash-Failure-Callback", "ftp://example.com/failed")]
    [InlineData("Upstash-Failure-Callback", "not a url")]
    public async Task Bad_override_headers_are_400_naming_the_header_and_change_nothing(string header, string value)
    {
        await _server.Engine.DeadLetterAsync(Seed.Entries(3));

        (HttpStatusCode status, string body, _) = await SendAsync(HttpMethod.Post, ResumePath, request => request.Headers.TryAddWithoutValidation(header, value));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(header, Error(body), StringComparison.Ordinal);
        Assert.Equal(3, await DlqCountAsync());
    }

    [Theory]
    [InlineData("parallelism=1, period=60s")]
    [InlineData("rate=1, period=500ms")]
    [InlineData("rate=1, period=0")]
    public async Task A_flow_control_value_without_rate_for_its_period_or_below_a_second_is_400(string value)
    {
        await _server.Engine.DeadLetterAsync(Seed.Entries(1));

        (HttpStatusCode status, string body, _) = await SendAsync(HttpMethod.Post, ResumePath, request =>
        {
            request.Headers.Add("Upstash-Flow-Control-Key", "k");
            request.Headers.Add("Upstash-Flow-Control-Value", value);
        });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("Upstash-Flow-Control-Value", Error(body), StringComparison.Ordinal);
        Assert.Equal(1, await DlqCountAsync());
    }

    [Fact]
    public async Task Count_above_50_is_capped_not_refused()
    {
        await _server.Engine.DeadLetterAsync(Seed.Entries(60));

        (HttpStatusCode status, string body, _) = await SendAsync(HttpMethod.Post, ResumePath + "?count=51");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(50, JsonDocument.Parse(body).RootElement.GetProperty("workflowRuns").GetArrayLength());
        Assert.Equal(10, await DlqCountAsync());
    }

    [Fact]
    public async Task Cursors_from_another_filter_or_tampered_are_400_and_change_nothing()
    {
        await _server.Engine.DeadLetterAsync(Seed.Entries(5));
        (_, string body, _) = await SendAsync(HttpMethod.Post, ResumePath + "?count=1&label=x,y&fromDate=0");
        Assert.Equal(5, await DlqCountAsync());
        (_, body, _) = await SendAsync(HttpMethod.Post, ResumePath + "?count=1&fromDate=0");
        string cursor = JsonDocument.Parse(body).RootElement.GetProperty("cursor").GetString()!;
        string tampered = (cursor[^1] == 'A' ? cursor[..^1] + "B" : cursor[..^1] + "A");

        foreach (string query in new[] { $"?fromDate=1&cursor={cursor}", $"?cursor={cursor}", $"?fromDate=0&cursor={tampered}" })
        {
            (HttpStatusCode status, string error, _) = await SendAsync(HttpMethod.Post, ResumePath + query);
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal("cursor is not valid for this filter; start without a cursor or reuse the filter it came from", Error(error));
        }

        Assert.Equal(4, await DlqCountAsync());
    }

    [Fact]
    public async Task Unknown_ids_are_404_naming_them_and_resume_nothing()
    {
        await _server.Engine.DeadLetterAsync(Seed.Entries(2));

        (HttpStatusCode status, string body, _) = await SendAsync(HttpMethod.Post, ResumePath + "?dlqIds=dlq-00000&dlqIds=nope");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("Some DLQ messages were not found: nope", Error(body));
        Assert.Equal(2, await DlqCountAsync());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-token")]
    [InlineData("Basic dGVzdC10b2tlbg==")]
    [InlineData("test-token")]
    public async Task Missing_or_wrong_token_is_401_without_echoing_it(string? authorization)
    {
        await _server.Engine.DeadLetterAsync(Seed.Entries(2));

        (HttpStatusCode status, string body, _) = await SendAsync(HttpMethod.Post, ResumePath, authorization: authorization);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.DoesNotContain("token-", Error(body), StringComparison.Ordinal);
        Assert.DoesNotContain("wrong", Error(body), StringComparison.Ordinal);
        Assert.Equal(2, await DlqCountAsync());
    }

    [Fact]
    public async Task Unknown_route_is_404_and_wrong_method_is_405_with_Allow()
    {
        (HttpStatusCode notFound, string notFoundBody, _) = await SendAsync(HttpMethod.Post, "/v2/workflows/nope");
        (HttpStatusCode wrongMethod, string wrongMethodBody, HttpResponseMessage response) = await SendAsync(HttpMethod.Get, ResumePath);

        Assert.Equal(HttpStatusCode.NotFound, notFound);
        Assert.Equal("Not found: /v2/workflows/nope", Error(notFoundBody));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod);
        Assert.Equal(["POST"], response.Content.Headers.Allow);
        Assert.Contains("use POST", Error(wrongMethodBody), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_answer_errors_and_injected_failures_included_carries_the_engines_clock_to_the_second_in_Date()
    {
        _server.Faults.FailNext(1, 503);
        HttpReply injected = await SendAsync(HttpMethod.Get, "/v2/workflows/dlq");
        HttpReply listed = await SendAsync(HttpMethod.Get, "/v2/workflows/dlq");
        HttpReply notFound = await SendAsync(HttpMethod.Get, "/v2/workflows/nope");
        HttpReply anonymous = await SendAsync(HttpMethod.Get, "/v2/workflows/dlq", authorization: null);

        // The fake clock stands at 09:01:35.505: the header holds the second it is in, as the service's does.
        Assert.All(
            new[] { (HttpStatusCode.ServiceUnavailable, injected), (HttpStatusCode.OK, listed), (HttpStatusCode.NotFound, notFound), (HttpStatusCode.Unauthorized, anonymous) },
            answer => Assert.Equal(
                (answer.Item1, "Sat, 19 Jul 2025 09:01:35 GMT"),
                (answer.Item2.Status, Assert.Single(answer.Item2.Response.Headers.GetValues("Date")))));
    }

    [Fact]
    public async Task An_injected_failure_with_a_Date_of_its_own_keeps_it()
    {
        _server.Faults.FailNext(1, 503, new Dictionary<string, string> { ["Date"] = "Mon, 01 Jan 2001 00:00:00 GMT" });

        HttpReply injected = await SendAsync(HttpMethod.Get, "/v2/workflows/dlq");

        Assert.Equal(new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero), injected.Response.Headers.Date);
    }

    [Fact]
    public async Task An_unexpected_failure_is_500_without_details()
    {
        var store = new ThrowingStore();
        using var server = DlqTestServer.Create(store: store);
        using HttpClient http = server.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, ResumePath);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", DlqTestServer.DefaultToken);

        using HttpResponseMessage response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("""{"error":"Internal error"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_canceled_request_is_canceled_not_answered()
    {
        using var canceled = new CancellationTokenSource();
        await canceled.CancelAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, ResumePath);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _http.SendAsync(request, canceled.Token));
    }

    private static string Error(string body) => HttpHarness.Error(body);

    private Task<long> DlqCountAsync() => _harness.DlqCountAsync();

    private Task<HttpReply> SendAsync(
        HttpMethod method, string pathAndQuery, Action<HttpRequestMessage>? configure = null, string? authorization = HttpHarness.Authorization) =>
        _harness.SendAsync(method, pathAndQuery, configure, authorization);

    private sealed class ThrowingStore : Engine.Storage.IDlqStore
    {
        public ValueTask<DlqEntry?> GetAsync(string dlqId, CancellationToken cancellationToken = default) => throw new InvalidOperationException("secret detail");

        public ValueTask<IReadOnlyList<DlqEntry>> QueryAsync(DlqQuery query, CancellationToken cancellationToken = default) => throw new InvalidOperationException("secret detail");

        public ValueTask<RunRecord?> GetRunAsync(string workflowRunId, CancellationToken cancellationToken = default) => throw new InvalidOperationException("secret detail");

        public ValueTask SaveRunAsync(RunRecord run, CancellationToken cancellationToken = default) => throw new InvalidOperationException("secret detail");

        public ValueTask<IReadOnlyList<Engine.Storage.DeliveryRecord>> GetDeliveriesAsync(string workflowRunId, CancellationToken cancellationToken = default) => throw new InvalidOperationException("secret detail");

        public ValueTask<DateTimeOffset?> GetNextDeliveryTimeAsync(CancellationToken cancellationToken = default) => throw new InvalidOperationException("secret detail");

        public ValueTask<IReadOnlyList<RunRecord>> QueryRunsAsync(Engine.Storage.RunQuery query, CancellationToken cancellationToken = default) => throw new InvalidOperationException("secret detail");

        public ValueTask<Engine.Storage.DlqStoreStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default) => throw new InvalidOperationException("secret detail");

        public ValueTask<Engine.Storage.BulkActionRecord?> GetBulkActionAsync(string actionId, CancellationToken cancellationToken = default) => throw new InvalidOperationException("secret detail");

        public ValueTask<IReadOnlyList<Engine.Storage.BulkActionRecord>> QueryBulkActionsAsync(
            DateTimeOffset createdSince, string? beforeActionId, bool unfinishedOnly, int limit, CancellationToken cancellationToken = default) => throw new InvalidOperationException("secret detail");

        public ValueTask<T> WriteAsync<T>(Func<Engine.Storage.IDlqTransaction, ValueTask<T>> work, CancellationToken cancellationToken = default) => throw new InvalidOperationException("secret detail");
    }
}
