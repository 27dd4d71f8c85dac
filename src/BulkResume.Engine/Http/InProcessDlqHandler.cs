using System.Net;
using System.Net.Http.Headers;
using BulkResume.Engine.Http.Parsing;

namespace BulkResume.Engine.Http;

/// <summary>
/// An <see cref="HttpMessageHandler"/> that answers requests with a <see cref="DlqHttpApi"/> in process, no sockets:
/// <c>new HttpClient(new InProcessDlqHandler(api)) { BaseAddress = new Uri("https://qstash.upstash.io") }</c>.
/// </summary>
public class InProcessDlqHandler : HttpMessageHandler
{
    private readonly DlqHttpApi _api;

    /// <summary>Creates the handler.</summary>
    /// <param name="api">The API that answers.</param>
    public InProcessDlqHandler(DlqHttpApi api)
    {
        ArgumentNullException.ThrowIfNull(api);
        _api = api;
    }

    /// <inheritdoc/>
    protected sealed override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        DlqApiResponse response = await SendToApiAsync(ToApiRequest(request), cancellationToken).ConfigureAwait(false);
        return ToHttpResponse(response, request);
    }

    /// <summary>
    /// Hands a request to the API. This is the seam where behaviour between the wire and the API goes (fault
    /// injection: failing calls, latency, applying and then failing, rate limits): override it and call the base.
    /// </summary>
    /// <param name="request">The transport-free request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The API's response.</returns>
    protected virtual ValueTask<DlqApiResponse> SendToApiAsync(DlqApiRequest request, CancellationToken cancellationToken) =>
        _api.HandleAsync(request, cancellationToken);

    private static DlqApiRequest ToApiRequest(HttpRequestMessage request)
    {
        Uri uri = request.RequestUri is { IsAbsoluteUri: true } absolute
            ? absolute
            : throw new ArgumentException("The request has no absolute URI; set HttpClient.BaseAddress or use an absolute URI.", nameof(request));
        IEnumerable<KeyValuePair<string, IEnumerable<string>>> headers = request.Content is null
            ? request.Headers
            : request.Headers.Concat(request.Content.Headers);
        return new DlqApiRequest(
            request.Method.Method,
            Uri.UnescapeDataString(uri.AbsolutePath),
            QueryStringParser.Parse(uri.Query),
            headers.Select(header => new KeyValuePair<string, IReadOnlyList<string>>(header.Key, header.Value.ToArray())));
    }

    private static HttpResponseMessage ToHttpResponse(DlqApiResponse response, HttpRequestMessage request)
    {
        var content = new ByteArrayContent(response.Body.ToArray());
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
