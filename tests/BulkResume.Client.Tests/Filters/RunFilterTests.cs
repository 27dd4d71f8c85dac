using BulkResume.Client.Tests.Infrastructure;

namespace BulkResume.Client.Tests.Filters;

/// <summary>The run logs' filter: the same refusals as ResumeFilter's, exact runs that exclude criteria, immutability.</summary>
public sealed class RunFilterTests : WireMockTestBase
{
    private static readonly DateTimeOffset Early = DateTimeOffset.FromUnixTimeMilliseconds(1_000);
    private static readonly DateTimeOffset Late = DateTimeOffset.FromUnixTimeMilliseconds(2_000);

    public static TheoryData<string, Func<RunFilter>, string, string> Refused => new()
    {
        { "label comma", () => RunFilter.Create().WithLabel("eu,us"), "label", "once per label" },
        { "label blank", () => RunFilter.Create().WithLabel(""), "label", "Pass a label" },
        { "label control", () => RunFilter.Create().WithLabel("eu\u001b"), "label", "without control characters" },
        { "key comma", () => RunFilter.Create().WithFlowControlKey(","), "flowControlKey", "can't be selected by this filter" },
        { "key blank", () => RunFilter.Create().WithFlowControlKey("  "), "flowControlKey", "Pass the flow-control key" },
        { "url comma", () => RunFilter.Create().ForWorkflowUrl("https://a.example/w,x"), "workflowUrl", "ForRun(...)" },
        { "url relative", () => RunFilter.Create().ForWorkflowUrl("/api/x"), "workflowUrl", "absolute http or https URL" },
        { "url ftp", () => RunFilter.Create().ForWorkflowUrl("ftp://x/y"), "workflowUrl", "absolute http or https URL" },
        { "url NUL", () => RunFilter.Create().ForWorkflowUrl("https://a.example/\0"), "workflowUrl", "without control characters" },
        { "ip", () => RunFilter.Create().FromCallerIp("not-an-ip"), "callerIp", "IPv4 or IPv6 address" },
        { "ip control", () => RunFilter.Create().FromCallerIp("\t203.0.113.7"), "callerIp", "without control characters" },
        { "run id blank", () => RunFilter.Create().ForWorkflowRunId(" "), "workflowRunId", "Pass a run's full id" },
        { "for run comma", () => RunFilter.Create().ForRun("wfr_a,wfr_b", Early), "workflowRunId", "ForWorkflowRunId(id).CreatedAt(createdAt)" },
        { "for run at", () => RunFilter.Create().ForRun("wfr_a@1", Early), "workflowRunId", "ForWorkflowRunId(id).CreatedAt(createdAt)" },
        { "for run blank", () => RunFilter.Create().ForRun("", Early), "workflowRunId", "Pass a run's full id" },
        { "for run control", () => RunFilter.Create().ForRun("wfr\n", Early), "workflowRunId", "without control characters" },
        { "after later than before", () => RunFilter.Create().CreatedBefore(Early).CreatedAfter(Late), "from", "Swap them" },
        { "before earlier than after", () => RunFilter.Create().CreatedAfter(Late).CreatedBefore(Early), "to", "Swap them" },
        { "between reversed", () => RunFilter.Create().CreatedBetween(Late, Early), "to", "CreatedAfter" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_value_the_service_would_split_or_drop_is_refused_before_anything_is_sent(string name, Func<RunFilter> build, string parameter, string fix)
    {
        Stub("GET", "/v2/workflows/logs", """{"runs":[]}""");

        await AssertRefusedBeforeSendingAsync<ArgumentException>(() => ToListAsync(Client.Runs.ListAsync(build())), parameter, fix, name);
    }

    [Fact]
    public void A_negative_trim_is_refused_and_points_to_WithoutBodies()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => RunFilter.Create().WithBodiesTrimmedTo(-1));

        Assert.Equal("maxBytes", error.ParamName);
        Assert.Contains("WithoutBodies()", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_undefined_state_is_refused()
    {
        Assert.Equal("state", Assert.Throws<ArgumentOutOfRangeException>(() => RunFilter.Create().InState(new WorkflowRunState("RUN_PAUSED"))).ParamName);
        Assert.Equal("state", Assert.Throws<ArgumentOutOfRangeException>(() => RunFilter.Create().InState(default)).ParamName);
    }

    [Fact]
    public void Named_runs_and_criteria_do_not_mix_because_the_service_would_ignore_the_criteria()
    {
        var named = RunFilter.Create().ForRun("wfr_a", Early);
        var criteria = RunFilter.Create().WithLabel("eu");

        Assert.Contains("ForRun", Assert.Throws<InvalidOperationException>(() => named.WithLabel("eu")).Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => named.ForWorkflowRunId("wfr_a"));
        Assert.Throws<InvalidOperationException>(() => named.CreatedAt(Early));
        Assert.Throws<InvalidOperationException>(() => named.InState(WorkflowRunState.Failed));
        Assert.Throws<InvalidOperationException>(() => named.CreatedAfter(Early));
        Assert.Contains("workflowRuns", Assert.Throws<InvalidOperationException>(() => criteria.ForRun("wfr_a", Early)).Message, StringComparison.Ordinal);
        Assert.Equal("workflowRuns=wfr_a@1000, trimBody=0", named.WithBodiesTrimmedTo(0).ToString());
    }

    [Fact]
    public void Filters_are_immutable_and_describe_themselves()
    {
        var eu = RunFilter.Create().WithLabel("eu");

        var failedEu = eu.InState(WorkflowRunState.Failed).ForWorkflowUrl("https://a.example/w");

        Assert.Equal("label=eu", eu.ToString());
        Assert.Equal("workflowUrl=https://a.example/w, state=RUN_FAILED, label=eu", failedEu.ToString());
        Assert.Equal("(empty)", RunFilter.Create().ToString());
        Assert.Same(RunFilter.Create(), RunFilter.Create());
    }

    public static TheoryData<string, Func<RunFilter, RunFilter>> OneValueAdders => new()
    {
        { "ForWorkflowUrl", filter => filter.ForWorkflowUrl("https://a.example/w").ForWorkflowUrl("https://a.example/x") },
        { "WithFlowControlKey", filter => filter.WithFlowControlKey("k1").WithFlowControlKey("k2") },
        { "FromCallerIp", filter => filter.FromCallerIp("203.0.113.7").FromCallerIp("203.0.113.8") },
    };

    [Theory]
    [MemberData(nameof(OneValueAdders))]
    public void A_second_value_for_a_parameter_the_logs_take_once_is_refused_rather_than_replacing_the_first(string method, Func<RunFilter, RunFilter> addTwo)
    {
        var error = Assert.Throws<InvalidOperationException>(() => addTwo(RunFilter.Create()));

        Assert.StartsWith($"RunFilter.{method} already holds", error.Message, StringComparison.Ordinal);
        Assert.Contains("takes one value here", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_value_added_twice_is_kept_once_as_on_ResumeFilter()
    {
        var filter = RunFilter.Create().ForWorkflowUrl("https://a.example/w").ForWorkflowUrl("https://a.example/w").WithLabel("eu").WithLabel("eu");

        Assert.Equal("workflowUrl=https://a.example/w, label=eu", filter.ToString());
        Assert.Equal(
            "workflowUrl=https://a.example/w, label=eu",
            ResumeFilter.Create().ForWorkflowUrl("https://a.example/w").ForWorkflowUrl("https://a.example/w").WithLabel("eu").WithLabel("eu").ToString());
    }
}
