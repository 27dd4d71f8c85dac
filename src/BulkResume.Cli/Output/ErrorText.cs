using System.Net.Sockets;
using BulkResume.Cli.Hosting;

namespace BulkResume.Cli.Output;

/// <summary>One line for a failure of the service or the network, in the operator's terms, with the fix where there is an obvious one.</summary>
internal static class ErrorText
{
    /// <param name="exception">The failure.</param>
    /// <param name="dlq">The DLQ: its address and where its token came from, which the operator can check.</param>
    public static string Describe(Exception exception, DlqTarget dlq) => Describe(exception, dlq.Name, dlq.TokenSource);

    private static string Describe(Exception exception, string target, string? tokenSource) => exception switch
    {
        RateLimitedException limited => $"{target} rate-limited the request ({limited.ErrorMessage}). Wait {limited.RateLimit.RetryAfter?.TotalSeconds ?? 1:0} s and continue.",
        WorkflowApiException { Status: 401 } => $"{target} refused the token from {tokenSource ?? "the demo"} (401). It must be this service's token: check {tokenSource ?? "--token or QSTASH_TOKEN"}.",
        WorkflowApiException { Status: 0, InnerException: HttpRequestException http } => Unreachable(target, http),
        WorkflowApiException { Status: 0 } api => $"{target} did not answer: {api.ErrorMessage}. Check --url (or QSTASH_URL) and the service, then run again.",
        WorkflowApiException api => $"{target} answered {api.Status}: {api.ErrorMessage}",
        HttpRequestException http => Unreachable(target, http),
        TimeoutException => $"{target} did not answer in time. Run again; a bulk action continues with --resume-from.",
        _ => exception.Message,
    };

    private static string Unreachable(string target, HttpRequestException exception)
    {
        var why = exception.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused }
            ? "nothing listens there (connection refused)"
            : exception.HttpRequestError switch
            {
                HttpRequestError.NameResolutionError => "its host name does not resolve",
                HttpRequestError.SecureConnectionError => "the TLS handshake failed",
                HttpRequestError.ConnectionError => "the connection failed",
                _ => exception.Message,
            };
        return $"Could not reach {target}: {why}. Check --url (or QSTASH_URL), and that the service (or bulkresume-emulator) is running there.";
    }
}
