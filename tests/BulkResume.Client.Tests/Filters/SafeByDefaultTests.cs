using BulkResume.Client.Tests.Infrastructure;

namespace BulkResume.Client.Tests.Filters;

/// <summary>Bad input is refused with an error that names the parameter and the fix, before any request is sent.</summary>
public sealed class SafeByDefaultTests : WireMockTestBase
{
    [Fact]
    public void An_empty_filter_is_refused_and_points_to_All()
    {
        var error = Assert.Throws<ArgumentException>(() => Client.Dlq.BulkResumeAsync(ResumeFilter.Create()));

        Assert.Equal("filter", error.ParamName);
        Assert.Contains("ResumeFilter.All()", error.Message, StringComparison.Ordinal);
        Assert.Empty(Requests);
    }

    [Fact]
    public void An_empty_id_list_is_refused_and_points_to_All()
    {
        var error = Assert.Throws<ArgumentException>(() => ResumeFilter.ForDlqIds(Array.Empty<string>()));

        Assert.Equal("dlqIds", error.ParamName);
        Assert.Contains("ResumeFilter.All()", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_blank_id_is_refused_with_its_index(string blank)
    {
        var error = Assert.Throws<ArgumentException>(() => ResumeFilter.ForDlqIds("ok", blank));

        Assert.Equal("dlqIds", error.ParamName);
        Assert.Contains("index 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FailedAfter_later_than_FailedBefore_is_refused_whichever_comes_first()
    {
        var early = DateTimeOffset.FromUnixTimeMilliseconds(1_000);
        var late = DateTimeOffset.FromUnixTimeMilliseconds(2_000);

        Assert.Equal("to", Assert.Throws<ArgumentException>(() => ResumeFilter.Create().FailedAfter(late).FailedBefore(early)).ParamName);
        Assert.Equal("from", Assert.Throws<ArgumentException>(() => ResumeFilter.Create().FailedBefore(early).FailedAfter(late)).ParamName);
        Assert.Equal("to", Assert.Throws<ArgumentException>(() => ResumeFilter.Create().FailedBetween(late, early)).ParamName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(51)]
    [InlineData(-1)]
    public void A_page_size_outside_1_to_50_is_refused(int pageSize)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Client.Dlq.BulkResumeAsync(ResumeFilter.All(), new ResumeOptions { PageSize = pageSize }));

        Assert.Equal("options", error.ParamName);
        Assert.Contains("ResumeOptions.PageSize", error.Message, StringComparison.Ordinal);
        Assert.Empty(Requests);
    }

    [Fact]
    public void Negative_retries_are_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Client.Dlq.BulkResumeAsync(ResumeFilter.All(), new ResumeOptions { Retries = -1 }));

        Assert.Contains("ResumeOptions.Retries", error.Message, StringComparison.Ordinal);
        Assert.Empty(Requests);
    }

    [Fact]
    public void Flow_control_values_are_checked()
    {
        Assert.Equal("key", Assert.Throws<ArgumentException>(() => new FlowControl(" ")).ParamName);
        Assert.Equal("parallelism", Assert.Throws<ArgumentOutOfRangeException>(() => new FlowControl("k", parallelism: 0)).ParamName);
        Assert.Equal("rate", Assert.Throws<ArgumentOutOfRangeException>(() => new FlowControl("k", rate: 0)).ParamName);
        Assert.Equal("period", Assert.Throws<ArgumentOutOfRangeException>(() => new FlowControl("k", period: TimeSpan.FromMilliseconds(1500))).ParamName);
        Assert.Equal("period", Assert.Throws<ArgumentOutOfRangeException>(() => new FlowControl("k", rate: 1, period: TimeSpan.Zero)).ParamName);
    }

    [Fact]
    public void A_flow_control_key_without_limits_is_refused_as_the_TypeScript_SDK_does()
    {
        var error = Assert.Throws<ArgumentException>(() => new FlowControl("tenant-a"));

        Assert.Equal(typeof(ArgumentException), error.GetType());
        Assert.Equal("parallelism", error.ParamName);
        Assert.Contains("pass parallelism, rate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_period_without_a_rate_is_refused_because_it_is_the_rates_window()
    {
        var error = Assert.Throws<ArgumentException>(() => new FlowControl("tenant-a", parallelism: 2, period: TimeSpan.FromMinutes(1)));

        Assert.Equal(typeof(ArgumentException), error.GetType());
        Assert.Equal("period", error.ParamName);
        Assert.Contains("pass rate as well", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tenant\0a")]
    [InlineData("tenant\na")]
    [InlineData("t\u00e9nant")]
    public void A_flow_control_key_that_is_not_header_text_is_refused(string escaped)
    {
        var key = System.Text.RegularExpressions.Regex.Unescape(escaped);

        var error = Assert.Throws<ArgumentException>(() => new FlowControl(key, parallelism: 1));

        Assert.Equal("key", error.ParamName);
        Assert.Matches("control characters|ASCII only", error.Message);
    }

    [Fact]
    public void Criteria_values_are_checked()
    {
        Assert.Equal("workflowUrl", Assert.Throws<ArgumentException>(() => ResumeFilter.Create().ForWorkflowUrl("not a url")).ParamName);
        Assert.Equal("callerIp", Assert.Throws<ArgumentException>(() => ResumeFilter.Create().FromCallerIp("300.1.1.1")).ParamName);
        Assert.Equal("label", Assert.Throws<ArgumentException>(() => ResumeFilter.Create().WithLabel("")).ParamName);
        Assert.Equal("flowControlKey", Assert.Throws<ArgumentException>(() => ResumeFilter.Create().WithFlowControlKey(" ")).ParamName);
        Assert.Equal("workflowRunIdPrefix", Assert.Throws<ArgumentException>(() => ResumeFilter.Create().ForWorkflowRunIdPrefix("")).ParamName);
    }

    [Fact]
    public void Ids_and_criteria_do_not_mix_because_the_service_would_ignore_the_criteria()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ResumeFilter.ForDlqIds("a").WithLabel("x"));

        Assert.Contains("ForDlqIds", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Filters_are_immutable()
    {
        var baseFilter = ResumeFilter.Create().WithLabel("a");

        var narrowed = baseFilter.WithLabel("b").ForWorkflowRunIdPrefix("wfr_");

        Assert.Equal("label=a", baseFilter.ToString());
        Assert.Equal("workflowRunId=wfr_, label=a, label=b", narrowed.ToString());
        Assert.Equal("(empty)", ResumeFilter.Create().ToString());
        Assert.Equal("all", ResumeFilter.All().ToString());
    }

    [Fact]
    public void An_id_filter_describes_its_ids_and_how_many_there_are()
    {
        Assert.Equal("dlqIds=a, dlqIds=b", ResumeFilter.ForDlqIds("a", "b").ToString());
        Assert.Equal("dlqIds=0, dlqIds=1, dlqIds=2, ... (120 ids)", ResumeFilter.ForDlqIds(Enumerable.Range(0, 120).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToString());
    }

    [Fact]
    public async Task The_callers_options_are_read_once_and_never_mutated()
    {
        StubResume(RunsJson("c1", "wfr_1"));
        StubResume(RunsJson(null, "wfr_2"), cursor: "c1");
        var options = new ResumeOptions { Retries = 1, PageSize = 5 };

        var pageable = Client.Dlq.BulkResumeAsync(ResumeFilter.All(), options);
        options.Retries = 9;
        options.PageSize = 50;
        await ToListAsync(pageable);

        Assert.All(Requests, r => Assert.Equal("1", HeaderOf(r, "Upstash-Retries")));
        Assert.All(Requests, r => Assert.StartsWith("count=5", QueryOf(r), StringComparison.Ordinal));
        Assert.Equal(9, options.Retries);
    }
}
