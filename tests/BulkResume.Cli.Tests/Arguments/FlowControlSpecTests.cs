using BulkResume.Cli.Arguments;

namespace BulkResume.Cli.Tests.Arguments;

public class FlowControlSpecTests
{
    [Fact]
    public void A_full_spec_sets_the_key_and_every_setting()
    {
        var flowControl = FlowControlSpec.Parse("payments:parallelism=2,rate=10,period=60s");

        Assert.Equal(("payments", 2, 10, TimeSpan.FromSeconds(60)), (flowControl.Key, flowControl.Parallelism, flowControl.Rate, flowControl.Period));
    }

    [Fact]
    public void A_key_with_one_limit_overrides_the_key_and_that_limit()
    {
        var flowControl = FlowControlSpec.Parse("payments:parallelism=3");

        Assert.Equal(("payments", (int?)3, (int?)null, (TimeSpan?)null), (flowControl.Key, flowControl.Parallelism, flowControl.Rate, flowControl.Period));
    }

    [Fact]
    public void Settings_may_come_in_any_order_with_spaces_and_any_subset()
    {
        var flowControl = FlowControlSpec.Parse("payments: rate = 5 , parallelism=1");

        Assert.Equal(("payments", 1, 5, (TimeSpan?)null), (flowControl.Key, flowControl.Parallelism, flowControl.Rate, flowControl.Period));
    }

    [Theory]
    [InlineData("60s", 60)]
    [InlineData("60", 60)]
    [InlineData("5m", 300)]
    [InlineData("1h", 3600)]
    [InlineData("1d", 86400)]
    public void The_period_takes_a_unit_or_bare_seconds(string period, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), FlowControlSpec.Parse($"k:rate=1,period={period}").Period);

    [Theory]
    [InlineData(":rate=1", "has no key")]
    [InlineData("  ", "has no key")]
    [InlineData("k:parallelism=0", "parallelism=0 is not a whole number of at least 1")]
    [InlineData("k:rate=x", "rate=x is not a whole number of at least 1")]
    [InlineData("k:speed=3", "unknown setting 'speed'")]
    [InlineData("k:period=1.5s", "period=1.5s is not a whole number of seconds")]
    [InlineData("k:period=0s", "period=0s is not a whole number of seconds")]
    [InlineData("k:rate=1,period=1w", "period=1w is not a whole number of seconds")]
    [InlineData("k:rate=1,period=60S", "period=60S is not a whole number of seconds")]
    [InlineData("k:rate=1,rate=2", "sets rate twice")]
    [InlineData("k:rate", "'rate' is not NAME=VALUE")]
    [InlineData("payments", "needs a limit")]
    [InlineData("k:parallelism=2,period=60s", "pass rate as well")]
    public void Malformed_specs_are_refused_naming_the_flag_and_the_setting(string spec, string expected)
    {
        var error = Assert.Throws<UsageException>(() => FlowControlSpec.Parse(spec));

        Assert.Equal("--flow-control", error.Flag);
        Assert.StartsWith("--flow-control", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
