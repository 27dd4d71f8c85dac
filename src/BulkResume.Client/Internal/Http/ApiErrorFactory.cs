using System.Net;
using System.Text.Json;
using BulkResume.Internal.Wire;

namespace BulkResume.Internal.Http;

/// <summary>Turns a non-success answer into the matching <see cref="WorkflowApiException"/>.</summary>
internal static class ApiErrorFactory
{
    /// <summary>How much of a non-JSON error body is kept in a message.</summary>
    private const int MaxRawMessageLength = 300;

    private const string NotFoundPrefix = "Some DLQ messages were not found";

    public static async Task<WorkflowApiException> CreateAsync(WorkflowRequest request, HttpResponseMessage response, DateTimeOffset now, SecretRedactor redactor, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var message = redactor.Redact(ReadErrorMessage(body) ?? DescribeStatus(response));
        var status = (int)response.StatusCode;
        var method = request.Method.Method;

        return response.StatusCode switch
        {
            HttpStatusCode.TooManyRequests => new RateLimitedException(message, method, request.Path, RateLimitInfo.From(response.Headers, now)),
            HttpStatusCode.NotFound when request.DlqIds is { Count: > 0 } ids => NotFound(message, method, request.Path, ids),
            _ => new WorkflowApiException(status, message, method, request.Path),
        };
    }

    private static string? ReadErrorMessage(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            var error = JsonSerializer.Deserialize(body, WorkflowJsonContext.Default.ErrorResponseWire);
            if (!string.IsNullOrWhiteSpace(error?.Error))
            {
                return error.Error;
            }
        }
        catch (JsonException)
        {
            // Not the service's JSON error shape (a proxy's HTML page, plain text): keep a short excerpt below.
        }

        var text = body.Trim();
        return text.Length <= MaxRawMessageLength ? text : string.Concat(text.AsSpan(0, MaxRawMessageLength), "…");
    }

    private static string DescribeStatus(HttpResponseMessage response) =>
        string.IsNullOrEmpty(response.ReasonPhrase)
            ? $"HTTP {(int)response.StatusCode}"
            : response.ReasonPhrase;

    /// <summary>
    /// The 404 of a request naming ids, with the ids the service says are missing (<c>Some DLQ messages were not found:
    /// a, b</c>) when it names them and they are among those sent; otherwise every id the request named, since any of
    /// them may be the one.
    /// </summary>
    private static DlqEntriesNotFoundException NotFound(string message, string method, string path, IReadOnlyList<string> requested)
    {
        if (message.StartsWith(NotFoundPrefix, StringComparison.Ordinal))
        {
            var colon = message.IndexOf(':', NotFoundPrefix.Length);
            if (colon >= 0)
            {
                var named = message[(colon + 1)..]
                    .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Where(requested.Contains)
                    .ToArray();
                if (named.Length > 0)
                {
                    return new DlqEntriesNotFoundException(message, method, path, named) { NamedByService = true };
                }
            }
        }

        return new DlqEntriesNotFoundException(message, method, path, requested);
    }
}
