using System.Text;
using BulkResume.Engine.Delivery;

namespace BulkResume.Engine.Tests.Delivery;

/// <summary>How long a failed delivery waits: Retry-After, else the run's expression, else the service's backoff.</summary>
public sealed class RetryDelayTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, 12.182)]
    [InlineData(1, 148.413)]
    [InlineData(9, 86400)]
    public void Without_an_expression_the_nth_retry_waits_e_to_the_2_5_n_seconds_at_most_a_day(int retried, double seconds) =>
        Assert.Equal(seconds, ProtocolWrites.RetryDelay(Message(retried, null), Answer(500), Now).TotalSeconds, precision: 3);

    [Fact]
    public void The_runs_expression_is_evaluated_with_the_retries_so_far() =>
        Assert.Equal(
            [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)],
            new[] { 0, 1, 2 }.Select(retried => ProtocolWrites.RetryDelay(Message(retried, "pow(2, retried) * 1000"), Answer(500), Now)));

    [Theory]
    [InlineData("7", 7)]
    [InlineData("999999", 86400)]
    [InlineData("Mon, 07 Dec 2026 12:01:00 GMT", 60)]
    public void Retry_after_wins_over_the_expression_capped_at_a_day(string retryAfter, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), ProtocolWrites.RetryDelay(Message(0, "0"), Answer(429, ("Retry-After", retryAfter)), Now));

    private static DeliveryMessage Message(int retried, string? retryDelay) => new()
    {
        Kind = DeliveryMessage.StepKind,
        Url = "http://127.0.0.1:1/",
        Headers = new Dictionary<string, string>(),
        Body = "[]",
        Retried = retried,
        MaxRetries = 10,
        RetryDelay = retryDelay,
    };

    private static DeliveryAnswer Answer(int status, params (string Name, string Value)[] headers) =>
        new(status, headers.ToDictionary(header => header.Name, header => (IReadOnlyList<string>)[header.Value], StringComparer.OrdinalIgnoreCase), Encoding.UTF8.GetBytes("{}"));
}
