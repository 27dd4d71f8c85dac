namespace BulkResume.Emulator.Hosting;

/// <summary>
/// The emulator's clock: the configured one plus an offset that the admin API changes at run time
/// (<c>clockOffsetMs</c>), to play a service whose clock runs ahead of or behind its callers'.
/// </summary>
/// <remarks>
/// The engine, the faults and the admin API all read it, so a skew shows in every time they stamp, answer or filter by,
/// while the engine itself knows nothing of it. Only the time of day moves: timestamps and timers stay the configured
/// clock's, so injected latency lasts as long as it did. Thread-safe.
/// </remarks>
internal sealed class OffsetTimeProvider(TimeProvider configured) : TimeProvider
{
    private long _offsetTicks;

    /// <summary>How far this clock runs ahead of the configured one (behind when negative).</summary>
    public TimeSpan Offset
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
        set => Interlocked.Exchange(ref _offsetTicks, value.Ticks);
    }

    public override TimeZoneInfo LocalTimeZone => configured.LocalTimeZone;

    public override long TimestampFrequency => configured.TimestampFrequency;

    public override DateTimeOffset GetUtcNow() => configured.GetUtcNow() + Offset;

    public override long GetTimestamp() => configured.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        configured.CreateTimer(callback, state, dueTime, period);
}
