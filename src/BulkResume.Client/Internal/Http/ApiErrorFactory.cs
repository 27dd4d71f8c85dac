using System.Net;
using System.Text.Json;
using BulkResume.Internal.Resilience;
using BulkResume.Internal.Wire;

namespace BulkResume.Internal.Http;

/// <summary>Turns a non-success answer into the matching <see cref="WorkflowApiException"/>.</summary>
internal static class ApiErrorFactory
{
    /// <summary>How much of a non-JSON error body is kept in a message.</summary>
    private const int MaxRawMessageLength = 300;

    /// <param name="attempts">The failed request's attempts, counted on the exception.</param>
    /// <param name="response">Its last answer.</param>
    /// <param name="now">The client's clock, for a <c>Retry-After</c> date.</param>
    /// <param name="redactor">Keeps the token out of the message.</param>
    /// <param name="cancellationToken">Aborts reading the body.</param>
    public static async Task<WorkflowApiException> CreateAsync(AttemptState attempts, HttpResponseMessage response, DateTimeOffset now, SecretRedactor redactor, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var message = redactor.Redact(ReadErrorMessage(body) ?? DescribeStatus(response));
        var status = (int)response.StatusCode;
        var request = attempts.Request;
        var method = request.Method.Method;

        return response.StatusCode switch
        {
            HttpStatusCode.TooManyRequests => new RateLimitedException(message, method, request.Path, RateLimitInfo.From(response.Headers, now)) { Attempts = attempts.Attempts, AttemptsInDoubt = attempts.AttemptsInDoubt },
            _ => new WorkflowApiException(status, message, method, request.Path) { Attempts = attempts.Attempts, AttemptsInDoubt = attempts.AttemptsInDoubt },
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
}
