using BulkResume.Internal.Draining;
using BulkResume.Internal.Resilience;

namespace BulkResume.Client.Tests.Draining;

/// <summary>How many requests a concurrent drain lets out: its maximum, half as many per 429 pause, one more per quiet round.</summary>
public sealed class InFlightLimitTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Without_a_pause_the_maximum_is_let_out_and_one_more_waits_for_a_request_to_end()
    {
        var limit = new InFlightLimit(4, new RateLimitGate());
        await EnterAsync(limit, 4);

        var fifth = limit.EnterAsync(CancellationToken.None);
        var waitedWhileFull = !fifth.IsCompleted;
        limit.Exit();
        await fifth.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.True(waitedWhileFull);
        Assert.Equal(4, limit.Limit);
    }

    [Fact]
    public async Task A_pause_halves_the_limit_and_the_free_permits_always_match_it_once_the_requests_end()
    {
        var gate = new RateLimitGate();
        var limit = new InFlightLimit(8, gate);
        await EnterAsync(limit, 8);

        gate.PauseUntil(Now, Now.AddSeconds(1));
        limit.Exit();
        var afterThePause = limit.Limit;
        for (var i = 1; i < 8; i++)
        {
            limit.Exit();
        }

        // The seven that answered after it are a quiet round of four: one permit back.
        Assert.Equal(4, afterThePause);
        Assert.Equal(5, limit.Limit);
        Assert.Equal(limit.Limit, await CountFreePermitsAsync(limit));
    }

    [Fact]
    public async Task Pauses_never_take_the_limit_below_one_and_quiet_rounds_bring_it_back_to_the_maximum()
    {
        var gate = new RateLimitGate();
        var limit = new InFlightLimit(8, gate);
        var lowest = int.MaxValue;
        for (var pause = 0; pause < 5; pause++)
        {
            await limit.EnterAsync(CancellationToken.None);
            gate.PauseUntil(Now.AddSeconds(pause * 10), Now.AddSeconds((pause * 10) + 1));
            limit.Exit();
            lowest = Math.Min(lowest, limit.Limit);
        }

        // Quiet pages, one request at a time: each round of as many pages as the limit adds one.
        for (var page = 0; page < 100 && limit.Limit < 8; page++)
        {
            await limit.EnterAsync(CancellationToken.None);
            limit.Exit();
        }

        Assert.Equal(1, lowest);
        Assert.Equal(8, limit.Limit);
        Assert.Equal(8, await CountFreePermitsAsync(limit));
    }

    private static async Task EnterAsync(InFlightLimit limit, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await limit.EnterAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        }
    }

    /// <summary>Takes permits until one would wait; gives none back (the limit is not used after).</summary>
    private static async Task<int> CountFreePermitsAsync(InFlightLimit limit)
    {
        var free = 0;
        while (free < 64)
        {
            var entered = limit.EnterAsync(CancellationToken.None);
            if (!entered.IsCompleted)
            {
                return free;
            }

            await entered;
            free++;
        }

        return free;
    }
}
