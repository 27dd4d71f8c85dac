using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace BulkResume.Engine.Tests.Runtime.Support;

/// <summary>
/// A fake clock that tells each time a timer is set, and for how long, so that a test advances time only once the run
/// waits, and by exactly the wait it asked for.
/// </summary>
internal sealed class TimerWatchingClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();
    private int _timerCount;

    public int TimerCount => Volatile.Read(ref _timerCount);

    /// <summary>The due time of the next timer set (in the order they were set), waited for at most ten seconds of real time.</summary>
    public async Task<TimeSpan> NextTimerAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await _timers.Reader.ReadAsync(timeout.Token);
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ITimer timer = base.CreateTimer(callback, state, dueTime, period);
        Interlocked.Increment(ref _timerCount);
        _timers.Writer.TryWrite(dueTime);
        return timer;
    }
}
