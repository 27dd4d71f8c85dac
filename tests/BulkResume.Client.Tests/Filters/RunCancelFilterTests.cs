using BulkResume.Client.Tests.Infrastructure;

namespace BulkResume.Client.Tests.Filters;

/// <summary>The runs' cancel filter: the other filters' refusals, an exact URL and a prefix that never mix, immutability.</summary>
public sealed class RunCancelFilterTests : WireMockTestBase
{
    private const string Checkout = "https://shop.example.com/api/workflows/checkout";
    private static readonly DateTimeOffset Early = DateTimeOffset.FromUnixTimeMilliseconds(1_000);
    private static readonly DateTimeOffset Late = DateTimeOffset.FromUnixTimeMilliseconds(2_000);

    public static TheoryData<string, Func<RunCancelFilter>, string, string> Refused => new()
    {
        { "label comma", () => RunCancelFilter.Create().WithLabel("eu,us"), "label", "Call WithLabel once per label" },
        { "label blank", () => RunCancelFilter.Create().WithLabel(""), "label", "Pass a label" },
        { "key comma", () => RunCancelFilter.Create().WithFlowControlKey(","), "flowControlKey", "Call WithFlowControlKey once per flow-control key" },
        { "key control", () => RunCancelFilter.Create().WithFlowControlKey("k\r"), "flowControlKey", "without control characters" },
        { "url comma", () => RunCancelFilter.Create().ForWorkflowUrl("https://a.example/w,x"), "workflowUrl", "RunsClient.CancelAsync(workflowRunIds)" },
        { "url relative", () => RunCancelFilter.Create().ForWorkflowUrl("/api/x"), "workflowUrl", "absolute http or https URL" },
        { "url blank", () => RunCancelFilter.Create().ForWorkflowUrl(" "), "workflowUrl", "is blank" },
        { "prefix comma", () => RunCancelFilter.Create().ForWorkflowUrlPrefix("https://a.example/,"), "workflowUrlPrefix", "RunsClient.CancelAsync(workflowRunIds)" },
        { "prefix not a url", () => RunCancelFilter.Create().ForWorkflowUrlPrefix("https"), "workflowUrlPrefix", "absolute http or https URL" },
        { "prefix blank", () => RunCancelFilter.Create().ForWorkflowUrlPrefix(""), "workflowUrlPrefix", "is blank" },
        { "ip", () => RunCancelFilter.Create().FromCallerIp("not-an-ip"), "callerIp", "IPv4 or IPv6 address" },
        { "after later than before", () => RunCancelFilter.Create().CreatedBefore(Early).CreatedAfter(Late), "from", "Swap them" },
        { "between reversed", () => RunCancelFilter.Create().CreatedBetween(Late, Early), "to", "CreatedAfter" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_value_the_service_would_split_drop_or_not_match_is_refused(string name, Func<RunCancelFilter> build, string parameter, string fix)
    {
        var error = Assert.ThrowsAny<ArgumentException>(build);

        Assert.True(parameter == error.ParamName, $"{name}: ParamName {error.ParamName}");
        Assert.True(error.Message.Contains(fix, StringComparison.Ordinal), $"{name}: {error.Message}");
    }

    [Fact]
    public void An_exact_url_and_a_prefix_never_mix_whichever_comes_first()
    {
        var prefixAfterUrl = Assert.Throws<InvalidOperationException>(() => RunCancelFilter.Create().ForWorkflowUrl(Checkout).ForWorkflowUrlPrefix("https://shop.example.com/"));
        var urlAfterPrefix = Assert.Throws<InvalidOperationException>(() => RunCancelFilter.Create().ForWorkflowUrlPrefix("https://shop.example.com/").ForWorkflowUrl(Checkout));

        Assert.StartsWith("RunCancelFilter.ForWorkflowUrlPrefix can't be used on a filter that holds a workflow URL: both are sent as workflowUrl", prefixAfterUrl.Message, StringComparison.Ordinal);
        Assert.StartsWith("RunCancelFilter.ForWorkflowUrl can't be used on a filter that holds a workflow URL prefix", urlAfterPrefix.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Adding_methods_add_and_time_methods_replace_and_the_filter_is_immutable()
    {
        var baseFilter = RunCancelFilter.Create().WithLabel("eu").CreatedAfter(Early);

        var narrowed = baseFilter.WithLabel("us").WithLabel("eu").CreatedAfter(Late).FromCallerIp("203.0.113.7").FromCallerIp("203.0.113.8");

        Assert.Equal("fromDate=1000, label=eu", baseFilter.ToString());
        Assert.Equal("fromDate=2000, label=eu, label=us, callerIp=203.0.113.7, callerIp=203.0.113.8", narrowed.ToString());
    }

    [Fact]
    public void The_description_says_what_is_sent()
    {
        Assert.Equal("(empty)", RunCancelFilter.Create().ToString());
        Assert.Equal("all", RunCancelFilter.All().ToString());
        Assert.Equal($"workflowUrl={Checkout}, workflowUrlExactMatch=true, flowControlKey=k", RunCancelFilter.Create().WithFlowControlKey("k").ForWorkflowUrl(Checkout).ToString());
        Assert.Equal("workflowUrl=https://shop.example.com/", RunCancelFilter.Create().ForWorkflowUrlPrefix("https://shop.example.com/").ToString());
    }
}
