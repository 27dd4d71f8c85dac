namespace BulkResume.Benchmarks.Measurement;

/// <summary>
/// Counts, between the SDK and the socket, the DLQ requests a drain sends: listings (<c>GET /v2/workflows/dlq</c>) and
/// bulk-resume pages by the runs their answer holds (full: the page size; short: fewer; empty: none), plus anything
/// else, which a drain should not send. Runs are counted as occurrences of the <c>"workflowRunId"</c> property in the
/// answer's bytes: a search over a few kilobytes rather than a second parse of every answer, so as to add as little as
/// possible to a drain bound by the CPU. The admin API's requests are the benchmark's own and not counted.
/// </summary>
/// <remarks>
/// It also counts round trips: a request's depth is one more than the deepest request answered before it was sent, so
/// the deepest so far, taken before and after a drain, says how many round trips the drain waited for one after
/// another, whatever each cost. Unlike seconds, that count does not move with the machine's load.
/// </remarks>
internal sealed class RequestCounter(HttpMessageHandler inner, int pageSize) : DelegatingHandler(inner)
{
    private const string ListPath = "/v2/workflows/dlq";
    private const string ResumePath = "/v2/workflows/dlq/resume";

    private int _full;
    private int _short;
    private int _empty;
    private int _listings;
    private int _other;
    private int _runs;
    private int _depth;

    /// <summary>What was counted so far.</summary>
    public RequestCounts Counts => new(
        Volatile.Read(ref _full), Volatile.Read(ref _short), Volatile.Read(ref _empty), Volatile.Read(ref _listings), Volatile.Read(ref _other), Volatile.Read(ref _runs), Volatile.Read(ref _depth));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string path = request.RequestUri?.AbsolutePath ?? string.Empty;
        if (path.StartsWith("/_emulator", StringComparison.Ordinal))
        {
            return await base.SendAsync(request, cancellationToken);
        }

        int depth = Volatile.Read(ref _depth) + 1;
        HttpResponseMessage response = await base.SendAsync(request, cancellationToken);
        for (int deepest = Volatile.Read(ref _depth); depth > deepest; deepest = Volatile.Read(ref _depth))
        {
            if (Interlocked.CompareExchange(ref _depth, depth, deepest) == deepest)
            {
                break;
            }
        }

        if (!response.IsSuccessStatusCode)
        {
            Interlocked.Increment(ref _other);
        }
        else if (request.Method == HttpMethod.Get && path == ListPath)
        {
            Interlocked.Increment(ref _listings);
        }
        else if (request.Method == HttpMethod.Post && path == ResumePath)
        {
            // Reading the body buffers it: the SDK then reads the same bytes.
            byte[] body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            int runs = body.AsSpan().Count("\"workflowRunId\""u8);
            Interlocked.Add(ref _runs, runs);
            if (runs == 0)
            {
                Interlocked.Increment(ref _empty);
            }
            else if (runs < pageSize)
            {
                Interlocked.Increment(ref _short);
            }
            else
            {
                Interlocked.Increment(ref _full);
            }
        }
        else
        {
            Interlocked.Increment(ref _other);
        }

        return response;
    }
}

/// <summary>Requests a drain sent, by kind, the runs its resume answers held, and its round trips one after another.</summary>
internal readonly record struct RequestCounts(int Full, int Short, int Empty, int Listings, int Other, int Runs, int RoundTrips)
{
    public int Total => Full + Short + Empty + Listings + Other;

    /// <summary>What was counted since <paramref name="before"/>.</summary>
    public RequestCounts Since(RequestCounts before) => new(
        Full - before.Full, Short - before.Short, Empty - before.Empty, Listings - before.Listings, Other - before.Other, Runs - before.Runs, RoundTrips - before.RoundTrips);
}
