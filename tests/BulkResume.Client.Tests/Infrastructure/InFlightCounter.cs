namespace BulkResume.Client.Tests.Infrastructure;

/// <summary>
/// Counts the requests on the wire, so that a test on a fake clock moves time only while the client is waiting for
/// it (between attempts), not while an answer is still on its way: how long the real network takes then can't change
/// what the fake clock shows. Also keeps the most requests that were on the wire at once.
/// </summary>
internal sealed class InFlightCounter() : DelegatingHandler(new HttpClientHandler())
{
    private int _inFlight;
    private int _maxInFlight;

    public bool Idle => Volatile.Read(ref _inFlight) == 0;

    /// <summary>The most requests that were on the wire at the same time.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var now = Interlocked.Increment(ref _inFlight);
        int max;
        while (now > (max = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, max) != max)
        {
        }

        try
        {
            return await base.SendAsync(request, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
