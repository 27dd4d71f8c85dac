using Polly;

namespace BulkResume.Internal.Resilience;

/// <summary>
/// The rate-limit pause shared by every request of one client: a <c>429</c> answered to any of them holds the next
/// attempt of all of them until its reset, so that concurrent workers do not each spend an attempt to learn the same
/// limit.
/// </summary>
/// <remarks>The limit belongs to the token, not to one request.</remarks>
internal sealed class RateLimitGate
{
    private readonly object _lock = new();
    private long _pausedUntilTicks;
    private long _pauses;

    /// <summary>
    /// How many pauses have begun: a 429 while a pause is already in force extends it without counting, so that a
    /// burst of 429s to requests that were all in flight together counts once.
    /// </summary>
    public long Pauses => Interlocked.Read(ref _pauses);

    /// <summary>Holds every attempt until <paramref name="until"/> (a later pause already in force is kept).</summary>
    /// <param name="now">The time of the 429.</param>
    /// <param name="until">When the limit resets.</param>
    public void PauseUntil(DateTimeOffset now, DateTimeOffset until)
    {
        lock (_lock)
        {
            if (_pausedUntilTicks <= now.UtcTicks)
            {
                Interlocked.Increment(ref _pauses);
            }

            Volatile.Write(ref _pausedUntilTicks, Math.Max(_pausedUntilTicks, until.UtcTicks));
        }
    }

    /// <summary>Completes when no pause is in force, waiting on <paramref name="timeProvider"/>'s clock.</summary>
    public async ValueTask WaitAsync(TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        while (Volatile.Read(ref _pausedUntilTicks) is var ticks and > 0)
        {
            var wait = new DateTimeOffset(ticks, TimeSpan.Zero) - timeProvider.GetUtcNow();
            if (wait <= TimeSpan.Zero)
            {
                return;
            }

            // Whole milliseconds: timers truncate to them, and a wait of less than one would end at once and spin.
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds)), timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>Waits for the client's <see cref="RateLimitGate"/> before each attempt.</summary>
/// <remarks>
/// It sits between the retries and the attempt timeout, so that a wait for a rate limit's reset is never taken for an
/// attempt that ran out of time (which would count as one that may have been applied).
/// </remarks>
internal sealed class RateLimitGateStrategy : ResilienceStrategy<HttpResponseMessage>
{
    private readonly RateLimitGate _gate;
    private readonly TimeProvider _timeProvider;

    public RateLimitGateStrategy(RateLimitGate gate, TimeProvider timeProvider)
    {
        _gate = gate;
        _timeProvider = timeProvider;
    }

    protected override async ValueTask<Outcome<HttpResponseMessage>> ExecuteCore<TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<HttpResponseMessage>>> callback, ResilienceContext context, TState state)
    {
        try
        {
            await _gate.WaitAsync(_timeProvider, context.CancellationToken).ConfigureAwait(context.ContinueOnCapturedContext);
        }
        catch (OperationCanceledException exception)
        {
            return Outcome.FromException<HttpResponseMessage>(exception);
        }

        return await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
    }
}
