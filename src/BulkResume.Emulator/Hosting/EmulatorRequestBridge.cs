using BulkResume.Emulator.Admin;
using BulkResume.Engine.Faults;
using BulkResume.Engine.Http;
using Microsoft.AspNetCore.Http;

namespace BulkResume.Emulator.Hosting;

/// <summary>
/// Turns Kestrel's <see cref="HttpContext"/> into the engine's transport-free request and back. API requests go
/// through the fault injector; <c>/_emulator/</c> requests go to the admin API. Both use the same bearer token.
/// </summary>
internal sealed class EmulatorRequestBridge
{
    private const string AdminPrefix = "/_emulator/";

    private readonly DlqHttpApi _api;
    private readonly AdminApi _admin;
    private readonly FaultInjector _faults;
    private readonly DlqApiAuthentication _authentication;

    public EmulatorRequestBridge(DlqHttpApi api, AdminApi admin, FaultInjector faults, DlqApiAuthentication authentication)
    {
        _api = api;
        _admin = admin;
        _faults = faults;
        _authentication = authentication;
    }

    public async Task HandleAsync(HttpContext context)
    {
        CancellationToken cancellationToken = context.RequestAborted;
        DlqApiRequest request = ToApiRequest(context);
        if (request.Path.StartsWith(AdminPrefix, StringComparison.Ordinal))
        {
            DlqApiResponse answer = _authentication.Check(request) is { } problem
                ? DlqApiResponse.Error(401, problem)
                : await _admin.HandleAsync(request, context.Request.Body, cancellationToken).ConfigureAwait(false);
            await WriteAsync(context, answer).ConfigureAwait(false);
            return;
        }

        FaultedResponse faulted = await _faults.ApplyAsync(token => _api.HandleAsync(request, token), cancellationToken).ConfigureAwait(false);
        if (faulted.Response is { } response)
        {
            await WriteAsync(context, response).ConfigureAwait(false);
        }
        else
        {
            context.Abort();
        }
    }

    private static DlqApiRequest ToApiRequest(HttpContext context)
    {
        HttpRequest http = context.Request;
        var headers = http.Headers
            .Select(header => new KeyValuePair<string, IReadOnlyList<string>>(header.Key, header.Value.Select(value => value ?? string.Empty).ToArray()));
        var query = http.Query.Select(pair => new KeyValuePair<string, IReadOnlyList<string>>(pair.Key, pair.Value.Select(value => value ?? string.Empty).ToArray()));
        // The raw, still percent-encoded path: the API decodes each segment after splitting, so an id with a '/' works.
        string target = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget ?? http.Path.Value ?? "/";
        int queryStart = target.IndexOf('?', StringComparison.Ordinal);
        return new DlqApiRequest(http.Method, queryStart < 0 ? target : target[..queryStart], query, headers);
    }

    private static async Task WriteAsync(HttpContext context, DlqApiResponse response)
    {
        context.Response.StatusCode = response.Status;
        foreach ((string name, string value) in response.Headers)
        {
            context.Response.Headers[name] = value;
        }

        if (!response.Body.IsEmpty)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            context.Response.ContentLength = response.Body.Length;
            await context.Response.Body.WriteAsync(response.Body, context.RequestAborted).ConfigureAwait(false);
        }
    }
}
