namespace BulkResume.Cli.Output;

/// <summary>One line for a failure of the service or the network, with the fix where there is an obvious one.</summary>
internal static class ErrorText
{
    public static string Describe(Exception exception) => exception switch
    {
        RateLimitedException limited => $"The service rate-limited the request ({limited.ErrorMessage}). Wait {limited.RateLimit.RetryAfter?.TotalSeconds ?? 1:0} s and continue.",
        WorkflowApiException { Status: 401 } => "The service refused the token (401). Check QSTASH_TOKEN.",
        WorkflowApiException api => $"The service answered {api.Status}: {api.ErrorMessage}",
        HttpRequestException http => $"Could not reach the service: {http.Message}",
        TimeoutException => "The service did not answer in time.",
        _ => exception.Message,
    };
}
