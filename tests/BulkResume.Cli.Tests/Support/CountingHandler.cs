using System.Collections.Concurrent;

namespace BulkResume.Cli.Tests.Support;

/// <summary>Counts the requests that pass and the hosts they were sent to, and tells when a request that changes the DLQ was answered.</summary>
internal sealed class CountingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private readonly ConcurrentDictionary<string, bool> _hosts = new();
    private int _requests;

    public int Requests => _requests;

    public IReadOnlyCollection<string> Hosts => [.. _hosts.Keys];

    /// <summary>Called after each answered POST or DELETE.</summary>
    public Action? Changed { get; set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        _hosts.TryAdd(request.RequestUri!.GetLeftPart(UriPartial.Authority), true);
        var response = await base.SendAsync(request, cancellationToken);
        if (request.Method == HttpMethod.Post || request.Method == HttpMethod.Delete)
        {
            Changed?.Invoke();
        }

        return response;
    }
}
