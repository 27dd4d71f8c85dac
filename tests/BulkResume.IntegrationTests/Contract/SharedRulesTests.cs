using System.Net;
using BulkResume.Cli.Arguments;
using BulkResume.Engine;

namespace BulkResume.IntegrationTests.Contract;

/// <summary>
/// Each rule the contract states about overrides and selections, held on both sides at once: for every value the
/// client refuses before sending, the engine refuses it too (a 400 naming the header or parameter), and every value the
/// client accepts, the engine accepts as the client sends it. The two sides keep their own code (the client depends on
/// nothing of ours); this test is what keeps them one rule.
/// </summary>
public sealed class SharedRulesTests
{
    private const string WorkflowUrl = "https://shop.example.com/api/workflows/checkout";

    private static readonly Dictionary<string, (Func<ResumeOptions> Client, ResumeOverrides Engine, string? Header)> Overrides = new()
    {
        ["retries 0"] = (() => new() { Retries = 0 }, new() { Retries = 0 }, null),
        ["retries -1"] = (() => new() { Retries = -1 }, new() { Retries = -1 }, "Upstash-Retries"),
        ["delay 0"] = (() => new() { Delay = TimeSpan.Zero }, new() { Delay = TimeSpan.Zero }, null),
        ["delay 90 s"] = (() => new() { Delay = TimeSpan.FromSeconds(90) }, new() { Delay = TimeSpan.FromSeconds(90) }, null),
        ["delay 2 d"] = (() => new() { Delay = TimeSpan.FromDays(2) }, new() { Delay = TimeSpan.FromDays(2) }, null),
        ["delay 1.5 s"] = (() => new() { Delay = TimeSpan.FromMilliseconds(1500) }, new() { Delay = TimeSpan.FromMilliseconds(1500) }, "Upstash-Delay"),
        ["delay negative"] = (() => new() { Delay = TimeSpan.FromSeconds(-1) }, new() { Delay = TimeSpan.FromSeconds(-1) }, "Upstash-Delay"),
        ["retry delay constant"] = (() => new() { RetryDelay = "1000" }, new() { RetryDelay = "1000" }, null),
        ["retry delay exponential"] = (() => new() { RetryDelay = "pow(2, retried) * 1000" }, new() { RetryDelay = "pow(2, retried) * 1000" }, null),
        ["retry delay with max and min"] = (() => new() { RetryDelay = "max(1000, min(60000, retried * 500))" }, new() { RetryDelay = "max(1000, min(60000, retried * 500))" }, null),
        ["retry delay dangling operator"] = (() => new() { RetryDelay = "retried *" }, new() { RetryDelay = "retried *" }, "Upstash-Retry-Delay"),
        ["retry delay unknown name"] = (() => new() { RetryDelay = "attempts * 1000" }, new() { RetryDelay = "attempts * 1000" }, "Upstash-Retry-Delay"),
        ["retry delay with exp, round and abs"] = (() => new() { RetryDelay = "round(abs(exp(retried)) * 100)" }, new() { RetryDelay = "round(abs(exp(retried)) * 100)" }, null),
        ["retry delay unknown function"] = (() => new() { RetryDelay = "log(retried)" }, new() { RetryDelay = "log(retried)" }, "Upstash-Retry-Delay"),
        ["retry delay function with too few arguments"] = (() => new() { RetryDelay = "pow(2)" }, new() { RetryDelay = "pow(2)" }, "Upstash-Retry-Delay"),
        ["retry delay unbalanced"] = (() => new() { RetryDelay = "(1000" }, new() { RetryDelay = "(1000" }, "Upstash-Retry-Delay"),
        ["retry delay blank"] = (() => new() { RetryDelay = " " }, new() { RetryDelay = " " }, "Upstash-Retry-Delay"),
        ["retry delay with a fraction"] = (() => new() { RetryDelay = "0.5 * 1000" }, new() { RetryDelay = "0.5 * 1000" }, null),
        ["retry delay with a fraction without its zero"] = (() => new() { RetryDelay = ".5 * 1000" }, new() { RetryDelay = ".5 * 1000" }, "Upstash-Retry-Delay"),
        ["retry delay with a decimal point and no digits after it"] = (() => new() { RetryDelay = "5. * 1000" }, new() { RetryDelay = "5. * 1000" }, "Upstash-Retry-Delay"),
        ["retry delay at the length limit, nested as deep as it allows"] = (() => new() { RetryDelay = RetryDelayOfLength(1_000) }, new() { RetryDelay = RetryDelayOfLength(1_000) }, null),
        ["retry delay one character over the length limit"] = (() => new() { RetryDelay = RetryDelayOfLength(1_001) }, new() { RetryDelay = RetryDelayOfLength(1_001) }, "Upstash-Retry-Delay"),
        ["flow control parallelism"] = (() => new() { FlowControl = new FlowControl("payments", parallelism: 2) }, new() { FlowControlKey = "payments", Parallelism = 2 }, null),
        ["flow control rate and period"] = (() => new() { FlowControl = new FlowControl("payments", rate: 10, period: TimeSpan.FromMinutes(1)) }, new() { FlowControlKey = "payments", Rate = 10, Period = TimeSpan.FromMinutes(1) }, null),
        ["flow control key without limits"] = (() => new() { FlowControl = new FlowControl("payments") }, new() { FlowControlKey = "payments" }, "Upstash-Flow-Control-Value"),
        ["flow control period without rate"] = (() => new() { FlowControl = new FlowControl("payments", parallelism: 2, period: TimeSpan.FromSeconds(60)) }, new() { FlowControlKey = "payments", Parallelism = 2, Period = TimeSpan.FromSeconds(60) }, "Upstash-Flow-Control-Value"),
        ["flow control period of 1.5 s"] = (() => new() { FlowControl = new FlowControl("payments", rate: 1, period: TimeSpan.FromMilliseconds(1500)) }, new() { FlowControlKey = "payments", Rate = 1, Period = TimeSpan.FromMilliseconds(1500) }, "Upstash-Flow-Control-Value"),
        ["flow control period of 500 ms"] = (() => new() { FlowControl = new FlowControl("payments", rate: 1, period: TimeSpan.FromMilliseconds(500)) }, new() { FlowControlKey = "payments", Rate = 1, Period = TimeSpan.FromMilliseconds(500) }, "Upstash-Flow-Control-Value"),
        ["flow control parallelism 0"] = (() => new() { FlowControl = new FlowControl("payments", parallelism: 0) }, new() { FlowControlKey = "payments", Parallelism = 0 }, "Upstash-Flow-Control-Value"),
        ["flow control rate 0"] = (() => new() { FlowControl = new FlowControl("payments", rate: 0) }, new() { FlowControlKey = "payments", Rate = 0 }, "Upstash-Flow-Control-Value"),
        ["flow control blank key"] = (() => new() { FlowControl = new FlowControl(" ", parallelism: 1) }, new() { FlowControlKey = " ", Parallelism = 1 }, "Upstash-Flow-Control-Key"),
        ["labels"] = (() => new() { Labels = ["checkout", "eu"] }, new() { Labels = ["checkout", "eu"] }, null),
        ["labels empty"] = (() => new() { Labels = [] }, new() { Labels = [] }, "Upstash-Label"),
        ["label blank"] = (() => new() { Labels = ["checkout", " "] }, new() { Labels = ["checkout", " "] }, "Upstash-Label"),
        ["label with a comma"] = (() => new() { Labels = ["a,b"] }, new() { Labels = ["a,b"] }, "Upstash-Label"),
        ["label with a control character"] = (() => new() { Labels = ["a\u0001"] }, new() { Labels = ["a\u0001"] }, "Upstash-Label"),
        ["failure callback https"] = (() => new() { FailureCallbackUrl = new Uri("https://shop.example.com/api/failed") }, new() { FailureCallback = "https://shop.example.com/api/failed" }, null),
        ["failure callback http"] = (() => new() { FailureCallbackUrl = new Uri("http://127.0.0.1:9000/failed") }, new() { FailureCallback = "http://127.0.0.1:9000/failed" }, null),
        ["failure callback ftp"] = (() => new() { FailureCallbackUrl = new Uri("ftp://files.example.com/failed") }, new() { FailureCallback = "ftp://files.example.com/failed" }, "Upstash-Failure-Callback"),
        ["failure callback relative"] = (() => new() { FailureCallbackUrl = new Uri("/api/failed", UriKind.Relative) }, new() { FailureCallback = "/api/failed" }, "Upstash-Failure-Callback"),
    };

    /// <summary>
    /// Header values the client can't even produce (its options are typed), as another SDK might send them: the
    /// engine's header parser refuses each with a 400 naming the header.
    /// </summary>
    private static readonly Dictionary<string, (string Header, string Value, string? ValueHeader)> RawHeaders = new()
    {
        ["retries negative"] = ("Upstash-Retries", "-1", null),
        ["retries not a number"] = ("Upstash-Retries", "three", null),
        ["delay in milliseconds"] = ("Upstash-Delay", "1500ms", null),
        ["delay with a fraction"] = ("Upstash-Delay", "1.5s", null),
        ["delay without a unit"] = ("Upstash-Delay", "10", null),
        ["delay of weeks"] = ("Upstash-Delay", "1w", null),
        ["retry delay of an unknown name"] = ("Upstash-Retry-Delay", "attempts * 1000", null),
        ["flow control period in milliseconds"] = ("Upstash-Flow-Control-Key", "payments", "rate=1, period=1500ms"),
        ["flow control period with a fraction"] = ("Upstash-Flow-Control-Key", "payments", "rate=1, period=1.5s"),
        ["flow control value without a key"] = ("Upstash-Flow-Control-Value", "parallelism=2", null),
        ["label list with an empty label"] = ("Upstash-Label", "a,,b", null),
        ["failure callback not http"] = ("Upstash-Failure-Callback", "ftp://files.example.com/failed", null),
    };

    /// <summary>
    /// Durations as an operator types them in the CLI's flags and another SDK sends them in the headers, with whether
    /// the contract's grammar takes them: where a unit is required (<c>--from -2h</c>, <c>Upstash-Delay</c>) and where a
    /// bare number is seconds (the flow-control period, which is also at least a second).
    /// </summary>
    private static readonly Dictionary<string, (bool WithUnit, bool AsPeriod)> Durations = new()
    {
        ["10s"] = (true, true),
        ["5m"] = (true, true),
        ["2h"] = (true, true),
        ["1d"] = (true, true),
        ["010s"] = (true, true),
        ["0s"] = (true, false),
        ["90"] = (false, true),
        ["0"] = (false, false),
        ["1.5s"] = (false, false),
        ["1.5"] = (false, false),
        ["1w"] = (false, false),
        ["10S"] = (false, false),
        ["10 s"] = (false, false),
        ["10ms"] = (false, false),
        ["1e3s"] = (false, false),
        ["s"] = (false, false),
        ["-5s"] = (false, false),
        ["+5s"] = (false, false),
        ["99999999999999d"] = (false, false),
    };

    /// <summary>A selection's value the client refuses and the raw query the engine is sent for it.</summary>
    private static readonly Dictionary<string, (Func<ResumeFilter> Client, string Query, string Parameter)> Selections = new()
    {
        ["blank workflow URL"] = (() => ResumeFilter.Create().ForWorkflowUrl(" "), "workflowUrl=%20", "workflowUrl"),
        ["workflow URL with NUL"] = (() => ResumeFilter.Create().ForWorkflowUrl(WorkflowUrl + "\0"), "workflowUrl=" + Uri.EscapeDataString(WorkflowUrl) + "%00", "workflowUrl"),
        ["workflow URL of commas only"] = (() => ResumeFilter.Create().ForWorkflowUrl(",,,"), "workflowUrl=%2C%2C%2C", "workflowUrl"),
        ["blank label"] = (() => ResumeFilter.Create().WithLabel(""), "label=", "label"),
        ["label with NUL"] = (() => ResumeFilter.Create().WithLabel("eu\0"), "label=eu%00", "label"),
        ["blank run id"] = (() => ResumeFilter.Create().ForWorkflowRunIdPrefix(" "), "workflowRunId=%20", "workflowRunId"),
        ["blank flow-control key"] = (() => ResumeFilter.Create().WithFlowControlKey(" "), "flowControlKey=%20", "flowControlKey"),
        ["caller IP that is not one"] = (() => ResumeFilter.Create().FromCallerIp("not-an-ip"), "callerIp=not-an-ip", "callerIp"),
    };

    /// <summary>Selection values both sides take, in the client's wire form.</summary>
    private static readonly Dictionary<string, Func<ResumeFilter>> AcceptedSelections = new()
    {
        ["IPv6 caller IP"] = () => ResumeFilter.Create().FromCallerIp("2001:db8::7"),
        ["IPv4 caller IP"] = () => ResumeFilter.Create().FromCallerIp("203.0.113.7"),
        ["two workflow URLs"] = () => ResumeFilter.Create().ForWorkflowUrl(WorkflowUrl).ForWorkflowUrl("https://shop.example.com/api/workflows/invoice"),
        ["label with spaces and a dash"] = () => ResumeFilter.Create().WithLabel("eu west-1"),
        ["run id prefix"] = () => ResumeFilter.Create().ForWorkflowRunIdPrefix("wfr_"),
    };

    public static TheoryData<string> OverrideCases => new(Overrides.Keys);

    public static TheoryData<string> RawHeaderCases => new(RawHeaders.Keys);

    public static TheoryData<string> DurationCases => new(Durations.Keys);

    public static TheoryData<string> AcceptedSelectionCases => new(AcceptedSelections.Keys);

    public static TheoryData<string> SelectionCases => new(Selections.Keys);

    [Theory]
    [MemberData(nameof(OverrideCases))]
    public async Task An_override_is_accepted_or_refused_alike_by_the_client_and_the_engine(string name)
    {
        var (client, engine, header) = Overrides[name];

        var (clientRefusal, clientRequests, engineAfterClient) = await ThroughTheClientAsync(client);
        var engineRefusal = await Record.ExceptionAsync(() => ThroughTheEngineAsync(engine));

        if (header is null)
        {
            Assert.Null(clientRefusal);
            Assert.Equal(0, engineAfterClient);
            Assert.Null(engineRefusal);
        }
        else
        {
            Assert.IsAssignableFrom<ArgumentException>(clientRefusal);
            Assert.Equal(0, clientRequests);
            var refused = Assert.IsType<DlqEngineException>(engineRefusal);
            Assert.Equal((400, header), (refused.StatusCode, refused.ParameterName));
        }
    }

    [Theory]
    [MemberData(nameof(SelectionCases))]
    public async Task A_malformed_selection_is_refused_by_the_client_before_sending_and_by_the_engine_with_a_400_naming_it(string name)
    {
        var (client, query, parameter) = Selections[name];
        using var server = DlqTestServer.Create();
        await server.Engine.DeadLetterAsync(FailedRun.For(WorkflowUrl).Build());
        using var http = server.CreateHttpClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", server.Token);

        var clientRefusal = Record.Exception(client);
        using var answer = await http.PostAsync($"/v2/workflows/dlq/resume?{query}", content: null);
        string body = await answer.Content.ReadAsStringAsync();

        Assert.IsAssignableFrom<ArgumentException>(clientRefusal);
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains(parameter, body, StringComparison.Ordinal);
        Assert.Equal(1, (await server.Engine.Store.GetStatisticsAsync()).DlqEntryCount);
    }

    [Theory]
    [MemberData(nameof(RawHeaderCases))]
    public async Task An_override_header_the_client_never_sends_is_refused_by_the_engine_as_a_400_naming_it(string name)
    {
        var (header, value, flowControlValue) = RawHeaders[name];

        var answer = flowControlValue is null
            ? await ResumeWithHeadersAsync((header, value))
            : await ResumeWithHeadersAsync((header, value), ("Upstash-Flow-Control-Value", flowControlValue));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains(flowControlValue is null ? header : "Upstash-Flow-Control-Value", answer.Body, StringComparison.Ordinal);
        Assert.Equal(1, answer.EntriesLeft);
    }

    [Theory]
    [InlineData("1000 * retires")]
    [InlineData("pow(2)")]
    [InlineData("(1000")]
    [InlineData("1000 +")]
    [InlineData(".5")]
    [InlineData("max 1")]
    public async Task A_malformed_retry_delay_is_explained_in_the_same_words_by_the_client_and_the_engine(string expression)
    {
        var (clientRefusal, _, _) = await ThroughTheClientAsync(() => new() { RetryDelay = expression });
        var engineRefusal = await Record.ExceptionAsync(() => ThroughTheEngineAsync(new() { RetryDelay = expression }));

        var client = Assert.IsType<ArgumentException>(clientRefusal);
        var engine = Assert.IsType<DlqEngineException>(engineRefusal);
        Assert.StartsWith("ResumeOptions.RetryDelay ", client.Message, StringComparison.Ordinal);
        Assert.StartsWith("Upstash-Retry-Delay ", engine.Message, StringComparison.Ordinal);
        Assert.Equal(engine.Message["Upstash-Retry-Delay ".Length..], client.Message["ResumeOptions.RetryDelay ".Length..].Split(" (Parameter", 2)[0]);
    }

    [Theory]
    [MemberData(nameof(DurationCases))]
    public async Task A_duration_is_read_alike_by_the_CLI_flags_and_the_engine_headers(string text)
    {
        var (withUnit, asPeriod) = Durations[text];
        var now = new DateTimeOffset(2025, 7, 18, 12, 0, 0, TimeSpan.Zero);

        var cliFrom = Record.Exception(() => PointInTime.Parse("-" + text, now, "--from"));
        var cliPeriod = Record.Exception(() => FlowControlSpec.Parse("payments:rate=1,period=" + text));
        var engineDelay = await ResumeWithHeadersAsync(("Upstash-Delay", text));
        var enginePeriod = await ResumeWithHeadersAsync(("Upstash-Flow-Control-Key", "payments"), ("Upstash-Flow-Control-Value", "rate=1, period=" + text));

        Assert.Equal(
            (withUnit, withUnit, asPeriod, asPeriod),
            (cliFrom is null, engineDelay.StatusCode == HttpStatusCode.OK, cliPeriod is null, enginePeriod.StatusCode == HttpStatusCode.OK));
        Assert.All(new[] { cliFrom, cliPeriod }, refusal => Assert.True(refusal is null or UsageException));
        Assert.Contains(withUnit ? "workflowRunId" : "Upstash-Delay", engineDelay.Body, StringComparison.Ordinal);
        Assert.Contains(asPeriod ? "workflowRunId" : "Upstash-Flow-Control-Value", enginePeriod.Body, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AcceptedSelectionCases))]
    public async Task A_selection_the_client_takes_is_taken_by_the_engine_as_the_client_sends_it(string name)
    {
        using var server = DlqTestServer.Create();
        await server.Engine.DeadLetterAsync(FailedRun.For(WorkflowUrl).Build());
        using var http = server.CreateHttpClient();
        var client = new WorkflowClient(http, new WorkflowClientOptions { Token = server.Token });

        var listed = await Record.ExceptionAsync(async () => await client.Dlq.ListAsync(AcceptedSelections[name]()).ToListAsync());

        Assert.Null(listed);
    }

    [Fact]
    public async Task A_run_logs_caller_IP_that_is_not_an_address_is_refused_on_both_sides()
    {
        using var server = DlqTestServer.Create();
        using var http = server.CreateHttpClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", server.Token);

        var clientRefusal = Record.Exception(() => RunFilter.Create().FromCallerIp("not-an-ip"));
        using var answer = await http.GetAsync("/v2/workflows/logs?callerIp=not-an-ip");

        Assert.IsAssignableFrom<ArgumentException>(clientRefusal);
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains("callerIp", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>Resumes one entry through the client against the in-process engine: the refusal, the requests sent, and the entries left.</summary>
    private static async Task<(Exception? Refusal, int Requests, long Left)> ThroughTheClientAsync(Func<ResumeOptions> options)
    {
        using var server = DlqTestServer.Create();
        DlqEntryOf entry = await SeedAsync(server.Engine);
        using var counting = new CountingHandler(server.Handler);
        using var http = new HttpClient(counting, disposeHandler: false);
        var client = new WorkflowClient(http, new WorkflowClientOptions { Token = server.Token });
        var refusal = await Record.ExceptionAsync(async () => await client.Dlq.ResumeAsync(entry.DlqId, options()));
        return (refusal, counting.Requests, (await server.Engine.Store.GetStatisticsAsync()).DlqEntryCount);
    }

    /// <summary>Resumes one entry over HTTP with the headers as given, as another SDK would send them: the answer and the entries left.</summary>
    private static async Task<(HttpStatusCode StatusCode, string Body, long EntriesLeft)> ResumeWithHeadersAsync(params (string Name, string Value)[] headers)
    {
        using var server = DlqTestServer.Create();
        DlqEntryOf entry = await SeedAsync(server.Engine);
        using var http = server.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v2/workflows/dlq/resume/{Uri.EscapeDataString(entry.DlqId)}");
        request.Headers.Authorization = new("Bearer", server.Token);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var answer = await http.SendAsync(request);
        return (answer.StatusCode, await answer.Content.ReadAsStringAsync(), (await server.Engine.Store.GetStatisticsAsync()).DlqEntryCount);
    }

    /// <summary>A valid expression of exactly <paramref name="length"/> characters, nested as deep as that allows: <c>1+((…(1)…))</c>.</summary>
    private static string RetryDelayOfLength(int length)
    {
        int depth = (length - 3) / 2;
        string nested = new string('(', depth) + "1" + new string(')', depth);
        string expression = new string('1', length - nested.Length - 1) + "+" + nested;
        Assert.Equal(length, expression.Length);
        return expression;
    }

    private static async Task ThroughTheEngineAsync(ResumeOverrides overrides)
    {
        using var server = DlqTestServer.Create();
        DlqEntryOf entry = await SeedAsync(server.Engine);
        await server.Engine.ResumeAsync(entry.DlqId, overrides);
    }

    private static async Task<DlqEntryOf> SeedAsync(DlqEngine engine)
    {
        var entry = FailedRun.For(WorkflowUrl).FailedAtStep(2, of: 3).Build();
        await engine.DeadLetterAsync(entry);
        return new DlqEntryOf(entry.DlqId);
    }

    private sealed record DlqEntryOf(string DlqId);

    private sealed class CountingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        public int Requests { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests++;
            return base.SendAsync(request, cancellationToken);
        }
    }
}
