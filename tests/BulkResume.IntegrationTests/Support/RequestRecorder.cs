using System.Collections.Concurrent;
using System.Net;

namespace BulkResume.IntegrationTests.Support;

/// <summary>
/// Sits between the client and the in-process engine and records every attempt: method, query, when it reached the
/// server and what it answered (on the shared clock), and the most attempts on the wire at once. It leaves the
/// server's handler to the server.
/// </summary>
internal sealed class RequestRecorder(HttpMessageHandler server, TimeProvider clock) : DelegatingHandler(server)
{
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private int _inFlight;
    private int _maxInFlight;

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public int InFlight => Volatile.Read(ref _inFlight);

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var now = Interlocked.Increment(ref _inFlight);
        int max;
        while (now > (max = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, max) != max)
        {
        }

        var started = clock.GetUtcNow();
        HttpStatusCode? status = null;
        string? reset = null;
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            status = response.StatusCode;
            reset = response.Headers.TryGetValues("Burst-RateLimit-Reset", out var values) ? values.First() : null;
            return response;
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
            _requests.Enqueue(new RecordedRequest(request.Method.Method, request.RequestUri!.AbsolutePath, request.RequestUri.Query, started, status, reset));
        }
    }

    protected override void Dispose(bool disposing)
    {
        // The inner handler is the server's, which disposes it: a DelegatingHandler would dispose it here too.
    }
}
