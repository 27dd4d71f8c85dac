using BulkResume.Client.Tests.Infrastructure;

namespace BulkResume.Client.Tests.Dlq;

/// <summary>
/// The overrides for the new runs (delay, retry delay, labels, failure callback) on every call that creates runs: the
/// exact header text, and each refusal before anything is sent.
/// </summary>
public sealed class OverrideHeaderTests : WireMockTestBase
{
    private const string RunJson = """{"workflowRunId":"wfr_new","workflowCreatedAt":1752829301000}""";

    /// <summary>The four calls that create runs, each answered by a stub of its path.</summary>
    public static TheoryData<string> Calls => new() { "resume one", "restart one", "bulk resume", "bulk restart" };

    private async Task CallAsync(string call, ResumeOptions options)
    {
        switch (call)
        {
            case "resume one":
                await Client.Dlq.ResumeAsync("1752829295505-0", options);
                break;
            case "restart one":
                await Client.Dlq.RestartAsync("1752829295505-0", options);
                break;
            case "bulk resume":
                await ToListAsync(Client.Dlq.BulkResumeAsync(ResumeFilter.ForDlqIds("1752829295505-0"), options));
                break;
            default:
                await ToListAsync(Client.Dlq.BulkRestartAsync(ResumeFilter.ForDlqIds("1752829295505-0"), options));
                break;
        }
    }

    private void StubEveryCall()
    {
        Stub("POST", "/v2/workflows/dlq/resume/1752829295505-0", RunJson);
        Stub("POST", "/v2/workflows/dlq/restart/1752829295505-0", RunJson);
        Stub("POST", "/v2/workflows/dlq/resume", RunsJson(null, "wfr_new"));
        Stub("POST", "/v2/workflows/dlq/restart/multi", RunsJson(null, "wfr_new"));
    }

    private async Task<WireMock.IRequestMessage> SendAsync(ResumeOptions options)
    {
        StubEveryCall();
        await CallAsync("resume one", options);
        return Assert.Single(Requests);
    }

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task Every_call_that_creates_runs_sends_the_four_overrides(string call)
    {
        StubEveryCall();
        var options = new ResumeOptions
        {
            Delay = TimeSpan.FromMinutes(5),
            RetryDelay = "pow(2, retried) * 1000",
            Labels = ["retry", "eu"],
            FailureCallbackUrl = new Uri("https://shop.example.com/api/failed-again"),
        };

        await CallAsync(call, options);

        var request = Assert.Single(Requests);
        Assert.Equal("5m", HeaderOf(request, "Upstash-Delay"));
        Assert.Equal("pow(2, retried) * 1000", HeaderOf(request, "Upstash-Retry-Delay"));
        Assert.Equal("retry,eu", HeaderOf(request, "Upstash-Label"));
        Assert.Equal("https://shop.example.com/api/failed-again", HeaderOf(request, "Upstash-Failure-Callback"));
    }

    [Theory]
    [InlineData(10, "10s")]
    [InlineData(90, "90s")]
    [InlineData(300, "5m")]
    [InlineData(3_660, "61m")]
    [InlineData(3_601, "3601s")]
    [InlineData(7_200, "2h")]
    [InlineData(129_600, "36h")]
    [InlineData(86_400, "1d")]
    [InlineData(172_800, "2d")]
    [InlineData(0, "0s")]
    public async Task A_delay_is_sent_in_the_largest_unit_that_divides_it_exactly(int seconds, string expected)
    {
        var request = await SendAsync(new ResumeOptions { Delay = TimeSpan.FromSeconds(seconds) });

        Assert.Equal(expected, HeaderOf(request, "Upstash-Delay"));
    }

    [Theory]
    [InlineData(-1_000)]
    [InlineData(1_500)]
    [InlineData(1)]
    public async Task A_negative_or_fractional_delay_is_refused_before_anything_is_sent(int milliseconds)
    {
        StubEveryCall();

        var error = await AssertRefusedBeforeSendingAsync<ArgumentOutOfRangeException>(
            () => CallAsync("resume one", new ResumeOptions { Delay = TimeSpan.FromMilliseconds(milliseconds) }), "options", "whole number of seconds");

        Assert.Contains("ResumeOptions.Delay", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1000")]
    [InlineData("1000 * (1 + retried)")]
    [InlineData("pow(2, retried) * 1000")]
    [InlineData("max(1000, pow(2, retried) * 100)")]
    [InlineData("-retried + 5")]
    [InlineData("- -retried")]
    [InlineData("round(sqrt(retried)) / 2.5")]
    [InlineData("min(abs(-1), exp(floor(ceil(retried))))")]
    [InlineData("((retried))*1000")]
    public async Task A_retry_delay_in_the_grammar_is_sent_as_written(string expression)
    {
        var request = await SendAsync(new ResumeOptions { RetryDelay = expression });

        Assert.Equal(expression, HeaderOf(request, "Upstash-Retry-Delay"));
    }

    [Theory]
    [InlineData("1000 * retires", "unknown name 'retires', at index 7")]
    [InlineData("Pow(2, retried)", "unknown name 'Pow', at index 0")]
    [InlineData("pow(2)", "pow takes 2 arguments, not 1, at index 0")]
    [InlineData("1 + sqrt(1, 2)", "sqrt takes 1 argument, not 2, at index 4")]
    [InlineData("(1000", "')' is expected where the expression ends, at index 5")]
    [InlineData("1000 +", "the expression ends where a number, retried, a function or '(' is expected, at index 6")]
    [InlineData("1000 1", "unexpected '1', at index 5")]
    [InlineData("10 % 3", "unexpected '%', at index 3")]
    [InlineData("1.", "a digit is expected after the decimal point, at index 2")]
    [InlineData("+1", "unexpected '+' where a number, retried, a function or '(' is expected, at index 0")]
    [InlineData("max 1", "'(' is expected, not '1', at index 4")]
    [InlineData("retried(1)", "unexpected '(', at index 7")]
    [InlineData("1000\n", "unexpected '\n', at index 4")]
    [InlineData(" ", "blank: leave it null")]
    [InlineData("", "blank: leave it null")]
    public async Task A_retry_delay_outside_the_grammar_is_refused_with_where_and_what(string expression, string problem)
    {
        StubEveryCall();

        var error = await AssertRefusedBeforeSendingAsync<ArgumentException>(() => CallAsync("bulk resume", new ResumeOptions { RetryDelay = expression }), "options", problem);

        Assert.Contains("ResumeOptions.RetryDelay", error.Message, StringComparison.Ordinal);
        Assert.Contains("pow(a, b), sqrt(x)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_retry_delay_too_long_to_be_real_is_refused_without_parsing_it()
    {
        StubEveryCall();
        var deep = new string('(', 5_000) + "1" + new string(')', 5_000);

        await AssertRefusedBeforeSendingAsync<ArgumentException>(() => CallAsync("resume one", new ResumeOptions { RetryDelay = deep }), "options", "has at most 1000");
    }

    [Fact]
    public async Task One_label_is_sent_alone_and_several_comma_joined_in_order()
    {
        var one = await SendAsync(new ResumeOptions { Labels = ["restarted"] });
        Assert.Equal("restarted", HeaderOf(one, "Upstash-Label"));

        Server.ResetLogEntries();
        await CallAsync("resume one", new ResumeOptions { Labels = ["b", "a", "c"] });
        Assert.Equal("b,a,c", HeaderOf(Assert.Single(Requests), "Upstash-Label"));
    }

    public static TheoryData<string, string[], string> RefusedLabels => new()
    {
        { "empty", [], "leave it null to keep the original labels" },
        { "blank", ["eu", " "], "ResumeOptions.Labels[1] is blank" },
        { "comma", ["eu,us"], "Give each label as its own item" },
        { "NUL", ["eu\0"], "without control characters" },
        { "newline", ["eu\r\nX-Injected: 1"], "without control characters" },
        { "not ASCII", ["café"], "ASCII only" },
    };

    [Theory]
    [MemberData(nameof(RefusedLabels))]
    public async Task Labels_that_the_header_would_split_drop_or_carry_wrong_are_refused(string name, string[] labels, string fix)
    {
        StubEveryCall();

        await AssertRefusedBeforeSendingAsync<ArgumentException>(() => CallAsync("bulk restart", new ResumeOptions { Labels = labels }), "options", fix, name);
    }

    [Fact]
    public async Task The_failure_callback_is_sent_as_its_absolute_url()
    {
        var request = await SendAsync(new ResumeOptions { FailureCallbackUrl = new Uri("http://hooks.example.com:8080/failed?tenant=a b") });

        Assert.Equal("http://hooks.example.com:8080/failed?tenant=a%20b", HeaderOf(request, "Upstash-Failure-Callback"));
    }

    public static TheoryData<Uri> RefusedCallbacks => new()
    {
        new Uri("/api/failed", UriKind.Relative),
        new Uri("ftp://hooks.example.com/failed"),
        new Uri("file:///api/failed"),
    };

    [Theory]
    [MemberData(nameof(RefusedCallbacks))]
    public async Task A_failure_callback_that_is_not_an_absolute_http_url_is_refused(Uri callback)
    {
        StubEveryCall();

        await AssertRefusedBeforeSendingAsync<ArgumentException>(
            () => CallAsync("restart one", new ResumeOptions { FailureCallbackUrl = callback }), "options", "ResumeOptions.FailureCallbackUrl must be an absolute http or https URL");
    }

    [Fact]
    public async Task Overrides_left_null_send_no_header()
    {
        var request = await SendAsync(new ResumeOptions { Retries = 1 });

        Assert.Equal(["Upstash-Retries"], request.Headers!.Keys.Where(name => name.StartsWith("Upstash-", StringComparison.OrdinalIgnoreCase)));
    }
}
