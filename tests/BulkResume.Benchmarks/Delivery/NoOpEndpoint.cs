using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace BulkResume.Benchmarks.Delivery;

/// <summary>
/// A workflow endpoint that does nothing, on Kestrel over loopback: it reads every POST's body and answers 200 with what
/// the SDK answers to an executed step (notes §2.4: <c>{"workflowRunId":…,"finishCondition":"success"}</c> as
/// <c>text/plain;charset=UTF-8</c>, with its version headers), counting requests. While <see cref="Capture"/> is on it
/// also keeps each request's headers and body, which the hand-written floor then posts again.
/// </summary>
internal sealed class NoOpEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<CapturedRequest> _captured = new();
    private long _requests;

    private NoOpEndpoint(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>The workflow URL deliveries go to.</summary>
    public string Url { get; }

    /// <summary>How many POSTs it has answered.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Whether requests are kept (off while anything is timed).</summary>
    public bool Capture { get; set; }

    /// <summary>The requests kept while <see cref="Capture"/> was on.</summary>
    public IReadOnlyList<CapturedRequest> Captured => [.. _captured];

    public static async Task<NoOpEndpoint> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(System.Net.IPAddress.Loopback, 0);
        });
        WebApplication app = builder.Build();
        NoOpEndpoint? endpoint = null;
        app.Run(context => endpoint!.AnswerAsync(context));
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        endpoint = new NoOpEndpoint(app, address.TrimEnd('/') + "/api/workflow");
        return endpoint;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task AnswerAsync(HttpContext context)
    {
        HttpRequest request = context.Request;
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        if (Capture)
        {
            _captured.Enqueue(new CapturedRequest(
                [.. request.Headers.Select(header => (header.Key, header.Value.ToString()))], body.ToArray()));
        }

        string runId = request.Headers["Upstash-Workflow-RunId"].ToString();
        HttpResponse response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/plain;charset=UTF-8";
        response.Headers["Upstash-Workflow-Sdk-Version"] = "1";
        response.Headers["Upstash-Workflow-Sdk"] = "v1.3.2";
        Interlocked.Increment(ref _requests);
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes($$"""{"workflowRunId":"{{runId}}","finishCondition":"success"}"""));
    }
}

/// <summary>One request as the endpoint received it: every header (the transport's included) and the exact body bytes.</summary>
internal sealed record CapturedRequest(IReadOnlyList<(string Name, string Value)> Headers, byte[] Body);
