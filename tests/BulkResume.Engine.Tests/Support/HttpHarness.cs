using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace BulkResume.Engine.Tests.Support;

/// <summary>A test server with a fake clock and sequential ids, and a plain <see cref="HttpClient"/> that calls it in process.</summary>
internal sealed class HttpHarness : IDisposable
{
    public const string Authorization = "Bearer " + DlqTestServer.DefaultToken;

    public HttpHarness()
    {
        Server = DlqTestServer.Create(timeProvider: Clock, idGenerator: new SequentialIdGenerator());
        Http = Server.CreateHttpClient();
    }

    public FakeTimeProvider Clock { get; } = new(Seed.T0.AddDays(1));

    public DlqTestServer Server { get; }

    public HttpClient Http { get; }

    public static string Error(string body) => JsonDocument.Parse(body).RootElement.GetProperty("error").GetString()!;

    public async Task<long> DlqCountAsync() => (await Server.Store.GetStatisticsAsync()).DlqEntryCount;

    public Task<HttpReply> SendAsync(
        HttpMethod method, string pathAndQuery, Action<HttpRequestMessage>? configure = null, string? authorization = Authorization) =>
        SendAsync(Http, method, pathAndQuery, configure, authorization);

    /// <summary>Sends through <paramref name="http"/>, for a test whose server is not this harness's.</summary>
    public static async Task<HttpReply> SendAsync(
        HttpClient http, HttpMethod method, string pathAndQuery, Action<HttpRequestMessage>? configure = null, string? authorization = Authorization)
    {
        using var request = new HttpRequestMessage(method, pathAndQuery);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        configure?.Invoke(request);
        HttpResponseMessage response = await http.SendAsync(request);
        return new HttpReply(response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    public void Dispose()
    {
        Http.Dispose();
        Server.Dispose();
    }
}
