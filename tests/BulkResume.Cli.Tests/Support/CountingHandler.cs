using System.Collections.Concurrent;

namespace BulkResume.Cli.Tests.Support;

/// <summary>Counts the requests that pass (and the reads among them), the most in flight at once and the hosts they were sent to, and tells when a request (one that changes the DLQ, or any) was answered.</summary>
internal sealed class CountingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private readonly ConcurrentDictionary<string, bool> _hosts = new();
    private int _requests;
    private int _reads;
    private int _inFlight;
    private int _maxInFlight;

    public int Requests => _requests;

    public int Reads => _reads;

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public IReadOnlyCollection<string> Hosts => [.. _hosts.Keys];

    /// <summary>Called after each answered POST or DELETE.</summary>
    public Action? Changed { get; set; }

    /// <summary>Called after each answered request.</summary>
    public Action<HttpRequestMessage>? Answered { get; set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        if (request.Method == HttpMethod.Get)
        {
            Interlocked.Increment(ref _reads);
        }

        _hosts.TryAdd(request.RequestUri!.GetLeftPart(UriPartial.Authority), true);
        var inFlight = Interlocked.Increment(ref _inFlight);
        InterlockedMax(ref _maxInFlight, inFlight);
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }

        if (request.Method == HttpMethod.Post || request.Method == HttpMethod.Delete)
        {
            Changed?.Invoke();
        }

        Answered?.Invoke(request);

        return response;
    }

    private static void InterlockedMax(ref int location, int value)
    {
        for (var seen = Volatile.Read(ref location); value > seen; seen = Volatile.Read(ref location))
        {
            if (Interlocked.CompareExchange(ref location, value, seen) == seen)
            {
                return;
            }
        }
    }
}
