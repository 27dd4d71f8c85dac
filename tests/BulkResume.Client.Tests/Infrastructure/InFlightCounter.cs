namespace BulkResume.Client.Tests.Infrastructure;

/// <summary>
/// Counts the requests on the wire, so that a test on a fake clock moves time only while the client is waiting for
/// it (between attempts), not while an answer is still on its way: how long the real network takes then can't change
/// what the fake clock shows.
/// </summary>
internal sealed class InFlightCounter() : DelegatingHandler(new HttpClientHandler())
{
    private int _inFlight;

    public bool Idle => Volatile.Read(ref _inFlight) == 0;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _inFlight);
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
