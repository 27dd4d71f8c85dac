using BulkResume.Cli.Arguments;

namespace BulkResume.Cli.Tests.Arguments;

public class RunOverridesTests
{
    [Fact]
    public void The_overrides_become_resume_options()
    {
        var options = RunOverrides.Build(retries: 2, flowControl: "payments:rate=10", pageSize: 20);

        Assert.Equal((2, "payments", 10, 20), (options.Retries, options.FlowControl?.Key, options.FlowControl?.Rate, options.PageSize));
    }

    [Fact]
    public void Nothing_given_keeps_every_run_as_it_was()
    {
        var options = RunOverrides.Build(retries: null, flowControl: null, pageSize: null);

        Assert.Equal(((int?)null, (FlowControl?)null, (int?)null), (options.Retries, options.FlowControl, options.PageSize));
    }
}
