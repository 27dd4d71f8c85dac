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

    [Fact]
    public void Negative_retries_are_refused_naming_the_flag() =>
        Assert.Equal("--retries", Assert.Throws<UsageException>(() => RunOverrides.Build(-1, null, null)).Flag);

    [Theory]
    [InlineData(0)]
    [InlineData(51)]
    public void A_page_size_outside_what_the_service_takes_is_refused(int pageSize)
    {
        var error = Assert.Throws<UsageException>(() => RunOverrides.Build(null, null, pageSize));

        Assert.StartsWith($"--page-size {pageSize} is outside 1 to 50", error.Message, StringComparison.Ordinal);
    }
}
