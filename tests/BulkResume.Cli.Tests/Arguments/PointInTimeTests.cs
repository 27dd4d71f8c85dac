using BulkResume.Cli.Arguments;

namespace BulkResume.Cli.Tests.Arguments;

public class PointInTimeTests
{
    private static readonly DateTimeOffset Now = new(2025, 7, 18, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("-45s", 45)]
    [InlineData("-30m", 30 * 60)]
    [InlineData("-2h", 2 * 3600)]
    [InlineData("-1d", 86400)]
    [InlineData("-7d", 7 * 86400)]
    [InlineData("-90m", 5400)]
    [InlineData("now", 0)]
    public void Relative_times_count_back_from_now(string text, int secondsAgo) =>
        Assert.Equal(Now.AddSeconds(-secondsAgo), PointInTime.Parse(text, Now, "--from"));

    [Theory]
    [InlineData("2025-07-18T09:00:00Z", "2025-07-18T09:00:00+00:00")]
    [InlineData("2025-07-18T09:00:00.250Z", "2025-07-18T09:00:00.250+00:00")]
    [InlineData("2025-07-18T11:00:00+02:00", "2025-07-18T09:00:00+00:00")]
    [InlineData("2025-07-18T09:00:00", "2025-07-18T09:00:00+00:00")]
    [InlineData("2025-07-18T09:00Z", "2025-07-18T09:00:00+00:00")]
    [InlineData("2025-07-18", "2025-07-18T00:00:00+00:00")]
    public void Iso_8601_times_are_utc_unless_an_offset_is_given(string text, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), PointInTime.Parse(text, Now, "--from"));

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2h")]
    [InlineData("-2x")]
    [InlineData("-h")]
    [InlineData("-1w")]
    [InlineData("-1.5h")]
    [InlineData("-2H")]
    [InlineData("-2 h")]
    [InlineData("-99999999999999d")]
    [InlineData("-1000000d")]
    [InlineData("")]
    [InlineData("2025-13-01")]
    [InlineData("07/18/2025")]
    public void Anything_else_is_refused_with_a_message_that_names_the_flag_and_the_formats(string text)
    {
        var error = Assert.Throws<UsageException>(() => PointInTime.Parse(text, Now, "--to"));

        Assert.Equal("--to", error.Flag);
        Assert.StartsWith($"--to '{text}' is not a time.", error.Message, StringComparison.Ordinal);
        Assert.Contains("-2h", error.Message, StringComparison.Ordinal);
    }
}
