using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace BulkResume.Emulator.WebConsole;

/// <summary>
/// One file of the web console, held in memory, and how it is answered: the console's security headers on every answer,
/// a strong <c>ETag</c> with <c>Cache-Control: no-cache</c> (a browser keeps the file but asks each time whether it
/// changed, so an emulator of another version is never served stale), and <c>304</c> when it did not change.
/// </summary>
internal sealed class ConsoleAsset
{
    /// <summary>
    /// Only the emulator's own origin, for everything: no inline script or style, no framing, no form posts, no other
    /// host.
    /// </summary>
    /// <remarks>
    /// The page holds no data; it reads the API with the token, so this keeps the token and the data on this origin.
    /// </remarks>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    private readonly byte[] _content;

    public ConsoleAsset(string contentType, byte[] content)
    {
        ContentType = contentType;
        _content = content;
        ETag = "\"" + Convert.ToHexString(SHA256.HashData(content), 0, 16).ToLowerInvariant() + "\"";
    }

    /// <summary>The <c>Content-Type</c>, with its charset for text.</summary>
    public string ContentType { get; }

    /// <summary>The strong entity tag: a hash of the content.</summary>
    public string ETag { get; }

    /// <summary>Writes the file (or <c>304</c>, or the headers only for <c>HEAD</c>) and returns the status sent.</summary>
    /// <param name="context">The request.</param>
    /// <returns>The status code written.</returns>
    public async Task<int> WriteAsync(HttpContext context)
    {
        HttpResponse response = context.Response;
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.CacheControl = "no-cache";
        response.Headers.ETag = ETag;
        if (context.Request.Headers.IfNoneMatch.Any(value => value is not null && value.Split(',').Any(tag => tag.Trim() == ETag)))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return response.StatusCode;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.ContentLength = _content.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(_content, context.RequestAborted).ConfigureAwait(false);
        }

        return response.StatusCode;
    }
}
