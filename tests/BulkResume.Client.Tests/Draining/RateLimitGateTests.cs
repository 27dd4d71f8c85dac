using BulkResume.Internal.Resilience;
using Microsoft.Extensions.Time.Testing;

namespace BulkResume.Client.Tests.Draining;

/// <summary>The pause one 429 puts on every request of a client.</summary>
public sealed class RateLimitGateTests
{
    [Fact]
    public async Task Every_waiter_is_held_until_the_reset_and_not_a_millisecond_less()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        var gate = new RateLimitGate();
        gate.PauseUntil(clock.GetUtcNow(), clock.GetUtcNow().AddMilliseconds(1_500.4));

        var waiters = Enumerable.Range(0, 3).Select(_ => gate.WaitAsync(clock, CancellationToken.None).AsTask()).ToList();
        clock.Advance(TimeSpan.FromMilliseconds(1_500));
        var heldAt1500 = waiters.All(waiter => !waiter.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await Task.WhenAll(waiters).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.True(heldAt1500);
    }

    [Fact]
    public void A_429_during_a_pause_extends_it_without_counting_a_new_pause_and_a_later_one_counts()
    {
        var now = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
        var gate = new RateLimitGate();

        gate.PauseUntil(now, now.AddSeconds(1));
        gate.PauseUntil(now.AddMilliseconds(10), now.AddSeconds(2));
        gate.PauseUntil(now.AddMilliseconds(20), now.AddMilliseconds(500));
        var duringTheFirst = gate.Pauses;
        gate.PauseUntil(now.AddSeconds(3), now.AddSeconds(4));

        Assert.Equal(1, duringTheFirst);
        Assert.Equal(2, gate.Pauses);
    }

    [Fact]
    public async Task A_reset_already_past_holds_nobody()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        var gate = new RateLimitGate();
        gate.PauseUntil(clock.GetUtcNow().AddSeconds(-2), clock.GetUtcNow().AddSeconds(-1));

        var wait = gate.WaitAsync(clock, CancellationToken.None);

        Assert.True(wait.IsCompleted);
        await wait;
    }
}
