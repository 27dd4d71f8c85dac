using BulkResume.Internal.Resilience;

namespace BulkResume.Internal.Draining;

/// <summary>
/// How many requests a concurrent drain may have in flight now: its maximum until the service rate-limits the client,
/// then half as many for each pause that begins, and one more after each round of pages (as many pages as the limit)
/// without a new pause.
/// </summary>
/// <remarks>
/// Against a limit lower than the drain's concurrency, the requests that met a 429 and wait for the reset then compete
/// with fewer newcomers, so none of them runs out of attempts where a sequential drain would not.
/// </remarks>
internal sealed class InFlightLimit
{
    private readonly object _lock = new();
    private readonly int _maximum;
    private readonly RateLimitGate _rateLimits;
    private readonly SemaphoreSlim _permits;
    private int _limit;
    private int _retired;
    private int _toRetire;
    private int _quietPages;
    private long _pausesSeen;

    /// <param name="maximum">The drain's concurrency.</param>
    /// <param name="rateLimits">The client's rate-limit pause, whose pauses shrink the limit.</param>
    public InFlightLimit(int maximum, RateLimitGate rateLimits)
    {
        _maximum = maximum;
        _limit = maximum;
        _rateLimits = rateLimits;
        _pausesSeen = rateLimits.Pauses;
        _permits = new SemaphoreSlim(maximum, maximum);
    }

    /// <summary>The limit now, for tests and logs.</summary>
    public int Limit => Volatile.Read(ref _limit);

    /// <summary>Waits for a permit to send one request.</summary>
    public Task EnterAsync(CancellationToken cancellationToken) => _permits.WaitAsync(cancellationToken);

    /// <summary>Returns the permit of a request that has ended, and adjusts the limit to what the service said meanwhile.</summary>
    /// <remarks>
    /// Permits leave circulation as their requests end (<c>_toRetire</c> of them still owe it), and come back one at a
    /// time: the limit is always the maximum less the permits retired and those owing.
    /// </remarks>
    public void Exit()
    {
        lock (_lock)
        {
            var pauses = _rateLimits.Pauses;
            if (pauses != _pausesSeen)
            {
                _pausesSeen = pauses;
                _quietPages = 0;
                var lower = Math.Max(1, _limit / 2);
                _toRetire += _limit - lower;
                _limit = lower;
            }
            else if (_limit < _maximum && ++_quietPages >= _limit)
            {
                _quietPages = 0;
                _limit++;
                if (_toRetire > 0)
                {
                    _toRetire--;
                }
                else
                {
                    _retired--;
                    _permits.Release();
                }
            }

            if (_toRetire > 0)
            {
                _toRetire--;
                _retired++;
            }
            else
            {
                _permits.Release();
            }
        }
    }
}
