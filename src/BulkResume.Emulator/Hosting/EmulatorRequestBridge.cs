using System.Buffers;
using System.Diagnostics;
using BulkResume.Emulator.Admin;
using BulkResume.Emulator.WebConsole;
using BulkResume.Engine;
using BulkResume.Engine.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace BulkResume.Emulator.Hosting;

/// <summary>
/// Turns Kestrel's <see cref="HttpContext"/> into the engine's transport-free request and back, and routes it: the DLQ
/// API (authenticated, then faults injected), the admin API under <c>/_emulator</c> (authenticated, never faulted),
/// <c>/health</c> (open, never faulted) and the web console's files at <c>/</c> and <c>/console/</c> (open: they hold
/// no data, the page reads the API with the token).
/// </summary>
/// <remarks>
/// Any other path outside the API's <c>/v2/</c> is <c>404</c> without a token (a browser's <c>/favicon.ico</c>, a
/// mistyped console page: nothing there to authenticate for), while an unknown path under <c>/v2/</c> stays the API's,
/// <c>401</c> before <c>404</c> as the contract says of every API call without the token. Every answer, Kestrel's
/// refusals of an oversized request included, is <c>{"error": ...}</c> JSON when it is an error, every answer carries
/// the emulator's clock in <c>Date</c>, and every request is logged on one line.
/// </remarks>
internal sealed class EmulatorRequestBridge(
    DlqHttpApi api, AdminApi admin, FaultInjector faults, DlqApiAuthentication authentication, TimeProvider clock, ILogger requests)
{
    /// <summary>The longest request target (path and query) served; Kestrel's own limit is raised above it so that the refusal is ours, with a body.</summary>
    public const int MaxRequestTargetLength = 8 * 1024;

    /// <summary>The most header bytes served; as for the target, the refusal is ours.</summary>
    public const int MaxHeaderBytes = 32 * 1024;

    /// <summary>
    /// The largest body the API reads (the id lists of the <c>/multi</c> endpoints: 50 ids of 256 characters, each
    /// escaped in JSON, fit); a larger one is refused before it is read whole.
    /// </summary>
    public const int MaxApiBodyBytes = 128 * 1024;

    /// <summary>
    /// The largest body of the messages the workflow SDK publishes (<c>POST /v2/batch</c>, <c>/v2/publish/{url}</c>):
    /// a trigger of many runs sends each run's payload and some 1.5 KB of headers in one batch (100 runs pass the API's
    /// limit with no payload at all), and a step's result, whatever its size, travels in one message.
    /// </summary>
    public const int MaxMessageBodyBytes = 10 * 1024 * 1024;

    private const string AdminPath = "/_emulator";

    /// <summary>The first path segment of every route of the API (the DLQ and run-logs endpoints, and those to come).</summary>
    private const string ApiSegment = "v2";

    public async Task HandleAsync(HttpContext context)
    {
        long started = Stopwatch.GetTimestamp();
        string target = OriginForm(context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "/");
        string path = PathOf(target);
        string status = "dropped";
        try
        {
            if (ConsoleAssets.Shared.Find(context.Request.Method, path) is { } asset)
            {
                StampDate(context.Response);
                status = (await asset.WriteAsync(context).ConfigureAwait(false)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return;
            }

            DlqApiResponse? response = await AnswerAsync(context, target, path).ConfigureAwait(false);
            if (response is null)
            {
                context.Abort();
                return;
            }

            status = response.Status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await WriteAsync(context, response).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            status = "aborted";
        }

        finally
        {
            // The path only: the query may hold the token (qstash_token), and the headers do.
            EmulatorLog.Request(requests, context.Request.Method, path, status, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    private async Task<DlqApiResponse?> AnswerAsync(HttpContext context, string target, string path)
    {
        if (target.Length > MaxRequestTargetLength)
        {
            return DlqApiResponse.Error(414, $"The request target is {target.Length} characters long; the emulator serves at most {MaxRequestTargetLength}. Select fewer ids or values per request.");
        }

        long headerBytes = HeaderBytes(context.Request.Headers);
        if (headerBytes > MaxHeaderBytes)
        {
            return DlqApiResponse.Error(431, $"The request's headers are {headerBytes} bytes; the emulator serves at most {MaxHeaderBytes}. Send fewer or shorter headers.");
        }

        if (path == "/health")
        {
            return HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
                ? EmulatorResponses.Health
                : EmulatorResponses.MethodNotAllowed("/health answers GET (and HEAD).", "GET, HEAD");
        }

        CancellationToken cancellationToken = context.RequestAborted;
        if (path == AdminPath || path.StartsWith(AdminPath + "/", StringComparison.Ordinal))
        {
            // The admin API reads its own body from the stream.
            DlqApiRequest request = ToApiRequest(context, target, []);
            return authentication.Check(request) is { } problem
                ? DlqApiResponse.Error(401, problem)
                : await admin.HandleAsync(request, context.Request.Body, cancellationToken).ConfigureAwait(false);
        }

        if (!IsApiPath(path))
        {
            return EmulatorResponses.NotFound(path);
        }

        bool message = IsMessagePath(path);
        int limit = message ? MaxMessageBodyBytes : MaxApiBodyBytes;
        byte[]? body = await ReadBodyAsync(context.Request, limit, cancellationToken).ConfigureAwait(false);
        return body is null
            ? DlqApiResponse.Error(413, $"The request's body is larger than the {limit} bytes the emulator reads; " + (message ? "publish fewer or smaller messages a request." : "send at most 50 ids a request."))
            : (await api.HandleWithFaultsAsync(ToApiRequest(context, target, body), faults, cancellationToken).ConfigureAwait(false)).Response;
    }

    /// <summary>The headers' names and values, 2 bytes more for each value (a loop, not LINQ: every request is counted).</summary>
    private static long HeaderBytes(IHeaderDictionary headers)
    {
        long bytes = 0;
        foreach (KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues> header in headers)
        {
            bytes += header.Key.Length;
            foreach (string? value in header.Value)
            {
                bytes += (value?.Length ?? 0) + 2;
            }
        }

        return bytes;
    }

    /// <summary>The whole body, or <see langword="null"/> when it is larger than <paramref name="limit"/> bytes.</summary>
    private static async ValueTask<byte[]?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        // Most API requests have no body (a bulk resume by filter is all query): nothing to buffer.
        if (request.ContentLength == 0)
        {
            return [];
        }

        using var buffer = new MemoryStream();
        byte[] chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Whether <paramref name="path"/> (still percent-encoded) is the API's: its first segment is <c>v2</c>, read as the
    /// API's routing reads it (empty segments skipped, each decoded), so that what the API would route is never a 404 here.
    /// </summary>
    /// <summary>Whether the path is one where the workflow SDK publishes messages (<see cref="MaxMessageBodyBytes"/>).</summary>
    private static bool IsMessagePath(string path) =>
        path == "/v2/batch" || path.StartsWith("/v2/publish/", StringComparison.Ordinal);

    private static bool IsApiPath(string path)
    {
        ReadOnlySpan<char> rest = path.AsSpan().TrimStart('/');
        int end = rest.IndexOf('/');
        return Uri.UnescapeDataString((end < 0 ? rest : rest[..end]).ToString()) == ApiSegment;
    }

    /// <summary>
    /// The emulator's clock (its skew included) instead of the machine's, which Kestrel would write when the app sets
    /// none: a client reads the service's time from <c>Date</c>.
    /// </summary>
    private void StampDate(HttpResponse response) =>
        response.Headers.Date = clock.GetUtcNow().ToString("r", System.Globalization.CultureInfo.InvariantCulture);

    private static string PathOf(string target)
    {
        int queryStart = target.IndexOf('?', StringComparison.Ordinal);
        return queryStart < 0 ? target : target[..queryStart];
    }

    /// <summary>
    /// The path and query of a target in absolute form (<c>http://host/path?query</c>, which a client may send and a
    /// server must take, RFC 9112 3.2.2); a target in origin form as it is.
    /// </summary>
    private static string OriginForm(string target)
    {
        int scheme = target.StartsWith('/') ? -1 : target.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0)
        {
            return target;
        }

        int pathStart = target.IndexOfAny(['/', '?'], scheme + 3);
        return pathStart < 0 ? "/" : target[pathStart] == '?' ? "/" + target[pathStart..] : target[pathStart..];
    }

    private static DlqApiRequest ToApiRequest(HttpContext context, string target, byte[] body)
    {
        var headers = context.Request.Headers
            .Select(header => new KeyValuePair<string, IReadOnlyList<string>>(header.Key, header.Value.Select(value => value ?? string.Empty).ToArray()));

        // The raw, still percent-encoded target: the API decodes each path segment after splitting, so an id with a '/'
        // works, and reads the query's bytes as UTF-8 or refuses them (Kestrel's own query turns them into U+FFFD).
        return DlqApiRequest.FromTarget(context.Request.Method, target, headers, body);
    }

    private async Task WriteAsync(HttpContext context, DlqApiResponse response)
    {
        context.Response.StatusCode = response.Status;

        // The API's answers bring their own Date (the same clock), which the loop below writes over this one.
        StampDate(context.Response);
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
