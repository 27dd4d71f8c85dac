using BulkResume.Cli.Output;

namespace BulkResume.Cli.Tests.Output;

public class ThroughputTests
{
    [Fact]
    public void Shows_entries_elapsed_time_and_rate() =>
        Assert.Equal("50 entries in 00:00:04 (12.5/s)", Throughput.Describe(50, null, TimeSpan.FromSeconds(4)));

    [Fact]
    public void Shows_the_counted_total_when_there_is_one() =>
        Assert.Equal("300 of 1500 entries in 00:00:10 (30.0/s)", Throughput.Describe(300, 1500, TimeSpan.FromSeconds(10)));

    [Theory]
    [InlineData(1, null, "1 entry in 00:00:01 (1.0/s)")]
    [InlineData(1, 1L, "1 of 1 entry in 00:00:01 (1.0/s)")]
    [InlineData(1, 2L, "1 of 2 entries in 00:00:01 (1.0/s)")]
    public void One_entry_is_an_entry(long done, long? total, string expected) =>
        Assert.Equal(expected, Throughput.Describe(done, total, TimeSpan.FromSeconds(1)));

    [Fact]
    public void Has_no_rate_before_any_time_has_passed() =>
        Assert.Equal("0 entries in 00:00:00 (-/s)", Throughput.Describe(0, null, TimeSpan.Zero));
}
