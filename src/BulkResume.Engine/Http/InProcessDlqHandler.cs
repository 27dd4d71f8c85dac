using System.Net;
using System.Net.Http.Headers;
using BulkResume.Engine.Http;

namespace BulkResume.Engine;

/// <summary>
/// An <see cref="HttpMessageHandler"/> that answers requests with a <see cref="DlqHttpApi"/> in process, no sockets:
/// <c>new HttpClient(new InProcessDlqHandler(api)) { BaseAddress = new Uri("https://qstash.upstash.io") }</c>.
/// </summary>
public class InProcessDlqHandler : HttpMessageHandler
{
    private readonly DlqHttpApi _api;

    /// <summary>Creates the handler.</summary>
    /// <param name="api">The API that answers.</param>
    /// <param name="faults">Faults to inject between the wire and the API, or <see langword="null"/> for none.</param>
    public InProcessDlqHandler(DlqHttpApi api, FaultInjector? faults = null)
    {
        ArgumentNullException.ThrowIfNull(api);
        _api = api;
        Faults = faults;
    }

    /// <summary>The faults this handler injects, if any.</summary>
    public FaultInjector? Faults { get; }

    /// <inheritdoc/>
    protected sealed override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        byte[] body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        FaultedResponse faulted = await _api.HandleWithFaultsAsync(ToApiRequest(request, body), Faults, cancellationToken).ConfigureAwait(false);
        return faulted.Response is { } response
            ? ToHttpResponse(response, request)
            : throw new HttpRequestException(HttpRequestError.ResponseEnded, "The connection was dropped before an answer (injected fault).");
    }

    private static DlqApiRequest ToApiRequest(HttpRequestMessage request, byte[] body)
    {
        Uri uri = request.RequestUri is { IsAbsoluteUri: true } absolute
            ? absolute
            : throw new ArgumentException("The request has no absolute URI; set HttpClient.BaseAddress or use an absolute URI.", nameof(request));
        IEnumerable<KeyValuePair<string, IEnumerable<string>>> headers = request.Content is null
            ? request.Headers
            : request.Headers.Concat(request.Content.Headers);
        return DlqApiRequest.FromTarget(
            request.Method.Method,
            uri.PathAndQuery,
            headers.Select(header => new KeyValuePair<string, IReadOnlyList<string>>(header.Key, header.Value.ToArray())),
            body);
    }

    private static HttpResponseMessage ToHttpResponse(DlqApiResponse response, HttpRequestMessage request)
    {
        // A HEAD is answered as its GET, without the body, as a server leaves it out.
        var content = new ReadOnlyMemoryContent(request.Method == HttpMethod.Head ? ReadOnlyMemory<byte>.Empty : response.Body);
        if (!response.Body.IsEmpty)
        {
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }

        var message = new HttpResponseMessage((HttpStatusCode)response.Status) { RequestMessage = request, Content = content };
        foreach ((string name, string value) in response.Headers)
        {
            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return message;
    }
}
