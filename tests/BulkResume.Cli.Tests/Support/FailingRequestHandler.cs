using System.Net;
using System.Text;

namespace BulkResume.Cli.Tests.Support;

/// <summary>Answers the <paramref name="failingRequest"/>-th POST (1-based) with a 400, passing every other request to the engine.</summary>
internal sealed class FailingRequestHandler(HttpMessageHandler engine, int failingRequest) : DelegatingHandler(engine)
{
    private int _posts;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method == HttpMethod.Post && Interlocked.Increment(ref _posts) == failingRequest)
        {
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.BadRequest)
            {
                Content = new StringContent("{\"error\":\"injected failure\"}", Encoding.UTF8, "application/json"),
            });
        }

        return base.SendAsync(request, cancellationToken);
    }
}
