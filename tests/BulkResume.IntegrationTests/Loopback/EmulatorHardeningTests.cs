using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using BulkResume.Emulator;
using BulkResume.Engine;
using BulkResume.Engine.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace BulkResume.IntegrationTests.Loopback;

/// <summary>
/// The emulator over real HTTP, held to what issue 15 found: authentication before faults, admin requests checked whole
/// with bounds named by their JSON field, a JSON body on every error (Kestrel's refusals included), its health,
/// console and index, and a request log without the token.
/// </summary>
public sealed class EmulatorHardeningTests
{
    private const string Orders = "https://shop.example.com/api/workflows/orders";

    [Fact]
    public async Task A_caller_without_the_token_gets_401_and_uses_up_no_fault_and_no_rate_limit()
    {
        await using var emulator = await WorkflowEmulator.StartAsync();
        await emulator.Engine.DeadLetterAsync(FailedRuns.Many(3, Orders, FailedRun.DefaultFailedAt));
        emulator.Faults.FailNext(1, 503);
        emulator.Faults.SetBurstLimit(1);

        (HttpStatusCode anonymous, _) = await SendAsync(emulator, HttpMethod.Get, "/v2/workflows/dlq", token: "");
        (HttpStatusCode wrong, _) = await SendAsync(emulator, HttpMethod.Get, "/v2/workflows/dlq", token: "not-the-token");
        (HttpStatusCode first, _) = await SendAsync(emulator, HttpMethod.Get, "/v2/workflows/dlq");

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (anonymous, wrong));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, first);
        Assert.Equal(0, emulator.Faults.RateLimitedCount);
    }

    public static TheoryData<string, string, string> RefusedFaults => new()
    {
        { """{"failNext":{"count":2147483647}}""", "failNext.count must be from 1 to 1000; got 2147483647.", "failNext" },
        { """{"dropNext":2147483647}""", "dropNext must be from 1 to 1000; got 2147483647.", "dropNext" },
        { """{"latencyMs":-5}""", "latencyMs must be from 0 to 60000; got -5.", "latency" },
        { """{"latencyMs":99999999999}""", "latencyMs has a value of the wrong type or out of range", "latency" },
        { """{"burstLimit":-1}""", "burstLimit must be from 0 to 100000; got -1.", "burst" },
        { """{"latencyMs":100,"failNext":{"count":1,"status":999}}""", "failNext.status must be from 400 to 599; got 999.", "latency" },
        { """{"failNext":{"count":1,"headers":{"X-Bad\r\nInjected":"1"}}}""", "failNext.headers has the name", "failNext" },
        { """{"failNext":{"count":1,"headers":{"X-Ok":"line\r\nbreak"}}}""", "failNext.headers.X-Ok holds a line break", "failNext" },
        { """{"failNext":{"count":1,"headers":{"X-Ok":"café"}}}""", "failNext.headers.X-Ok holds a line break, a control character or a character outside ASCII", "failNext" },
        { """{"failNext":{"count":1,"headers":{"Transfer-Encoding":"gzip"}}}""", "failNext.headers.Transfer-Encoding is written by the server", "failNext" },
        { """{"applyThenFail":{"probability":1.5}}""", "applyThenFail.probability must be from 0 to 1; got 1.5.", "failNext" },
        { """{"applyThenFail":{"count":1,"mode":"explode"}}""", "applyThenFail.mode must be serverError or connectionDrop", "failNext" },
        { """{"latency":5}""", "latency is not a field of this endpoint; the fields there are reset, failNext, dropNext, latencyMs, applyThenFail, burstLimit, clockOffsetMs, holdBulkActions.", "latency" },
        { """{"failNext":{"cnt":2}}""", "failNext.cnt is not a field of this endpoint; the fields there are count, status, headers, message.", "failNext" },
        { """{"clockOffsetMs":86400001}""", "clockOffsetMs must be from -86400000 to 86400000; got 86400001.", "clockOffsetMs" },
        { """{"clockOffsetMs":-86400001}""", "clockOffsetMs must be from -86400000 to 86400000; got -86400001.", "clockOffsetMs" },
        { """{"clockOffsetMs":8000,"burstLimit":-1}""", "burstLimit must be from 0 to 100000; got -1.", "burst" },
    };

    [Theory]
    [MemberData(nameof(RefusedFaults))]
    public async Task A_faults_request_out_of_bounds_is_400_naming_the_json_field_and_applies_nothing(string json, string expected, string probe)
    {
        await using var emulator = await WorkflowEmulator.StartAsync();
        await emulator.Engine.DeadLetterAsync(FailedRuns.Many(1, Orders, FailedRun.DefaultFailedAt));

        (HttpStatusCode status, string body) = await SendAsync(emulator, HttpMethod.Post, "/_emulator/faults", json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(expected, Error(body), StringComparison.Ordinal);
        Assert.DoesNotContain("System.", Error(body), StringComparison.Ordinal);
        Assert.DoesNotContain("milliseconds", Error(body), StringComparison.Ordinal);
        Assert.Equal(TimeSpan.Zero, emulator.Faults.Latency);
        Assert.Equal(TimeSpan.Zero, emulator.ClockOffset);
        (HttpStatusCode next, _) = await SendAsync(emulator, HttpMethod.Get, "/v2/workflows/dlq");
        Assert.True(next == HttpStatusCode.OK, $"{probe}: the next API call was answered {next}: a fault was applied");
    }

    [Theory]
    [InlineData("""{"count":100000}""", "count must be from 1 to 10000; got 100000.")]
    [InlineData("""{"count":3,"completedSteps":100000}""", "completedSteps must be from 0 to 99; got 100000.")]
    [InlineData("""{"entries":[{"workflowUrl":"https://a/w","failureCallbackState":"CALLBACK_MAYBE"}]}""", "entries[0].failureCallbackState must be one of")]
    [InlineData("""{"entries":[{"workflowUrl":"https://a/w","dlqId":"d"},{"workflowUrl":"https://a/w","dlqId":"d"}]}""", "DLQ id d is already in the DLQ or given twice")]
    [InlineData("""{"count":1,"failedAt":9223372036854775807}""", "failedAt must be a time in Unix milliseconds")]
    [InlineData("""{"count":10,"failedAt":-62135596799995}""", "failedAt must be a time in Unix milliseconds from -62135596799991 to 253402300799999")]
    [InlineData("""{"entries":[{"workflowUrl":"https://a/w","createdAt":-99999999999999999}]}""", "entries[0].createdAt must be a time in Unix milliseconds")]
    [InlineData("""{"count":1,"entries":[{"workflowUrl":"https://a/w"}]}""", "count and entries are two forms of a seed; send one of them.")]
    public async Task A_seed_request_out_of_bounds_is_400_with_a_json_body_and_seeds_nothing(string json, string expected)
    {
        await using var emulator = await WorkflowEmulator.StartAsync();

        (HttpStatusCode status, string body) = await SendAsync(emulator, HttpMethod.Post, "/_emulator/seed", json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(expected, Error(body), StringComparison.Ordinal);
        Assert.Equal(0, (await emulator.Store.GetStatisticsAsync()).DlqEntryCount);
    }

    [Fact]
    public async Task Health_and_the_console_need_no_token_and_the_index_does()
    {
        await using var emulator = await WorkflowEmulator.StartAsync();
        emulator.Faults.FailNext(5, 503);

        (HttpStatusCode health, string healthBody) = await SendAsync(emulator, HttpMethod.Get, "/health", token: "");
        (HttpStatusCode console, string page) = await SendAsync(emulator, HttpMethod.Get, "/", token: "");
        (HttpStatusCode adminAnonymous, _) = await SendAsync(emulator, HttpMethod.Get, "/_emulator", token: "");
        (HttpStatusCode admin, string adminBody) = await SendAsync(emulator, HttpMethod.Get, "/_emulator");

        Assert.Equal((HttpStatusCode.OK, "healthy"), (health, JsonDocument.Parse(healthBody).RootElement.GetProperty("status").GetString()));
        Assert.Equal(HttpStatusCode.OK, console);
        Assert.StartsWith("<!doctype html>", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, adminAnonymous);
        Assert.Equal(HttpStatusCode.OK, admin);
        JsonElement index = JsonDocument.Parse(adminBody).RootElement;
        Assert.Equal(("/v2/workflows/dlq", "/"), (index.GetProperty("api").GetString(), index.GetProperty("console").GetString()));
        Assert.Contains("POST /_emulator/seed", adminBody, StringComparison.Ordinal);
        Assert.Equal("bulkresume-emulator --help", index.GetProperty("help").GetString());
        Assert.DoesNotContain("docs/", adminBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/favicon.ico")]
    [InlineData("/console/missing.js")]
    [InlineData("/console/")]
    [InlineData("/v1/workflows/dlq")]
    [InlineData("/robots.txt?qstash_token=x")]
    public async Task A_path_outside_the_api_that_is_not_the_emulators_is_404_saying_where_things_are_with_or_without_the_token(string target)
    {
        await using var emulator = await WorkflowEmulator.StartAsync();
        emulator.Faults.FailNext(1, 503);

        (HttpStatusCode anonymous, string body) = await SendAsync(emulator, HttpMethod.Get, target, token: "");
        (HttpStatusCode withToken, _) = await SendAsync(emulator, HttpMethod.Get, target);
        (HttpStatusCode api, _) = await SendAsync(emulator, HttpMethod.Get, "/v2/workflows/dlq");

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (anonymous, withToken));
        Assert.StartsWith($"Not found: {target.Split('?')[0]}. The emulator serves the API under /v2/", Error(body), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, api);
    }

    [Fact]
    public async Task An_unknown_path_of_the_api_is_401_without_the_token_and_404_with_it()
    {
        await using var emulator = await WorkflowEmulator.StartAsync();

        (HttpStatusCode anonymous, _) = await SendAsync(emulator, HttpMethod.Get, "/v2/workflows/nope", token: "");
        (HttpStatusCode withToken, string body) = await SendAsync(emulator, HttpMethod.Get, "/v2/workflows/nope");

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.NotFound), (anonymous, withToken));
        Assert.Equal("Not found: /v2/workflows/nope", Error(body));
    }

    [Fact]
    public async Task A_body_larger_than_the_server_reads_is_413_with_a_json_error_and_health_answers_only_get()
    {
        await using var emulator = await WorkflowEmulator.StartAsync();

        // Over a raw socket: the server answers as soon as it sees the declared length, before a client could send it all.
        using var socket = new System.Net.Sockets.TcpClient();
        await socket.ConnectAsync(emulator.Url.Host, emulator.Url.Port);
        await using var stream = socket.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST /_emulator/seed HTTP/1.1\r\nHost: {emulator.Url.Authority}\r\nAuthorization: Bearer {emulator.Token}\r\nContent-Type: application/json\r\nContent-Length: 40000000\r\n\r\n{{"));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        string statusLine = (await reader.ReadLineAsync())!;
        string rest = await reader.ReadToEndAsync();
        (HttpStatusCode postHealth, string postHealthBody) = await SendAsync(emulator, HttpMethod.Post, "/health", token: "");

        Assert.Equal("HTTP/1.1 413 Payload Too Large", statusLine);
        Assert.Contains("\"error\":\"The request body is too large", rest, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, postHealth);
        Assert.Contains("/health answers GET", Error(postHealthBody), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_oversized_target_or_header_is_answered_414_or_431_with_a_json_error()
    {
        await using var emulator = await WorkflowEmulator.StartAsync();

        (HttpStatusCode longTarget, string targetBody) = await SendAsync(emulator, HttpMethod.Get, "/v2/workflows/dlq?label=" + new string('a', 10_000));
        (HttpStatusCode bigHeaders, string headersBody) = await SendAsync(
            emulator, HttpMethod.Get, "/v2/workflows/dlq", configure: request => request.Headers.Add("X-Big", new string('b', 40_000)));

        Assert.Equal(HttpStatusCode.RequestUriTooLong, longTarget);
        Assert.Contains("at most 8192", Error(targetBody), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, bigHeaders);
        Assert.Contains("at most 32768", Error(headersBody), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_request_is_logged_on_one_line_without_the_token_and_a_500_with_its_exception()
    {
        using var logs = new FakeLoggerProvider();
        using var factory = LoggerFactory.Create(builder => builder.AddProvider(logs));
        await using var emulator = await WorkflowEmulator.StartAsync(new WorkflowEmulatorOptions { LoggerFactory = factory, Store = new FailingStore() });

        await SendAsync(emulator, HttpMethod.Get, "/v2/workflows/dlq?qstash_token=" + emulator.Token, token: "");

        // The line is written once the answer is sent, so the client may read the answer first: wait for it.
        using (var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await foreach (FakeLogRecord record in logs.Collector.GetLogsAsync(wait.Token))
            {
                if (record.Category == "BulkResume.Emulator.Requests")
                {
                    break;
                }
            }
        }

        FakeLogRecord request = Assert.Single(logs.Collector.GetSnapshot(), record => record.Category == "BulkResume.Emulator.Requests");
        Assert.Matches(@"^GET /v2/workflows/dlq 500 \d+\.\d ms$", request.Message);
        FakeLogRecord failure = Assert.Single(logs.Collector.GetSnapshot(), record => record.Level == LogLevel.Error);
        Assert.IsType<InvalidOperationException>(failure.Exception);
        Assert.All(logs.Collector.GetSnapshot(), record => Assert.DoesNotContain(emulator.Token, record.Message, StringComparison.Ordinal));
    }

    private static string Error(string body) => JsonDocument.Parse(body).RootElement.GetProperty("error").GetString()!;

    [Fact]
    public async Task The_multi_endpoints_read_their_ids_from_the_body_over_loopback_and_refuse_a_body_past_the_apis_limit()
    {
        await using var emulator = await WorkflowEmulator.StartAsync();
        await emulator.Engine.DeadLetterAsync(FailedRuns.Many(3, i => FailedRun.For(Orders).WithDlqId($"dlq-{i}")));
        string huge = "{\"dlqIds\": [\"" + new string('x', 200 * 1024) + "\"]}";

        (HttpStatusCode restarted, string restartBody) = await SendAsync(emulator, HttpMethod.Post, "/v2/workflows/dlq/restart/multi", """{"dlqIds": ["dlq-2", "dlq-0"]}""");
        (HttpStatusCode deleted, string deleteBody) = await SendAsync(emulator, HttpMethod.Delete, "/v2/workflows/dlq/multi", """{"dlqIds": ["dlq-1"]}""");
        (HttpStatusCode tooLarge, string tooLargeBody) = await SendAsync(emulator, HttpMethod.Delete, "/v2/workflows/dlq/multi", huge);

        Assert.Equal((HttpStatusCode.OK, 2), (restarted, JsonDocument.Parse(restartBody).RootElement.GetProperty("workflowRuns").GetArrayLength()));
        Assert.Equal((HttpStatusCode.OK, """{"deleted":1}"""), (deleted, deleteBody));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge);
        Assert.Contains("send at most 50 ids a request", Error(tooLargeBody), StringComparison.Ordinal);
        Assert.Equal(0, (await emulator.Engine.Store.GetStatisticsAsync()).DlqEntryCount);
    }

    [Fact]
    public async Task The_sdks_message_batches_are_read_up_to_10_MiB_not_the_apis_128_KiB()
    {
        await using var emulator = await WorkflowEmulator.StartAsync();
        string above = "[" + new string(' ', 10 * 1024 * 1024) + "]";

        // Past the API's limit the batch is read and judged on its content (an empty batch), not refused for its size.
        (HttpStatusCode read, string readBody) = await SendAsync(emulator, HttpMethod.Post, "/v2/batch", "[" + new string(' ', 200 * 1024) + "]");
        (HttpStatusCode tooLarge, string tooLargeBody) = await SendAsync(emulator, HttpMethod.Post, "/v2/batch", above);

        Assert.NotEqual(HttpStatusCode.RequestEntityTooLarge, read);
        Assert.DoesNotContain("larger than", readBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge);
        Assert.Contains("publish fewer or smaller messages a request", Error(tooLargeBody), StringComparison.Ordinal);
    }

    private static async Task<(HttpStatusCode Status, string Body)> SendAsync(
        WorkflowEmulator emulator, HttpMethod method, string path, string? json = null, string? token = null, Action<HttpRequestMessage>? configure = null)
    {
        using var http = new HttpClient { BaseAddress = emulator.Url };
        using var request = new HttpRequestMessage(method, path);
        if (token != string.Empty)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? emulator.Token);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        configure?.Invoke(request);
        using HttpResponseMessage response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A store whose every read fails: the API answers 500 and the emulator must log why.</summary>
    private sealed class FailingStore : IDlqStore
    {
        public ValueTask<DlqEntry?> GetAsync(string dlqId, CancellationToken cancellationToken = default) => throw new InvalidOperationException("disk gone");

        public ValueTask<IReadOnlyList<DlqEntry>> QueryAsync(DlqQuery query, CancellationToken cancellationToken = default) => throw new InvalidOperationException("disk gone");

        public ValueTask<RunRecord?> GetRunAsync(string workflowRunId, CancellationToken cancellationToken = default) => throw new InvalidOperationException("disk gone");

        public ValueTask<IReadOnlyList<RunRecord>> QueryRunsAsync(RunQuery query, CancellationToken cancellationToken = default) => throw new InvalidOperationException("disk gone");

        public ValueTask<DlqStoreStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default) => throw new InvalidOperationException("disk gone");

        public ValueTask<BulkActionRecord?> GetBulkActionAsync(string actionId, CancellationToken cancellationToken = default) => throw new InvalidOperationException("disk gone");

        public ValueTask<IReadOnlyList<BulkActionRecord>> QueryBulkActionsAsync(
            DateTimeOffset createdSince, string? beforeActionId, bool unfinishedOnly, int limit, CancellationToken cancellationToken = default) => throw new InvalidOperationException("disk gone");

        public ValueTask SaveRunAsync(RunRecord run, CancellationToken cancellationToken = default) => throw new InvalidOperationException("disk gone");

        public ValueTask<IReadOnlyList<DeliveryRecord>> GetDeliveriesAsync(string workflowRunId, CancellationToken cancellationToken = default) => throw new InvalidOperationException("disk gone");

        public ValueTask<DateTimeOffset?> GetNextDeliveryTimeAsync(CancellationToken cancellationToken = default) => throw new InvalidOperationException("disk gone");

        public ValueTask<T> WriteAsync<T>(Func<IDlqTransaction, ValueTask<T>> work, CancellationToken cancellationToken = default) => throw new InvalidOperationException("disk gone");
    }
}
