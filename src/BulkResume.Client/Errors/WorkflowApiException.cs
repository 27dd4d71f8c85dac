namespace BulkResume;

/// <summary>The service answered with an error.</summary>
/// <remarks>
/// Carries the HTTP status, the service's message and the request's method and path (never the query's secrets or the
/// token).
/// </remarks>
public class WorkflowApiException : Exception
{
    /// <summary>Creates the exception for an error answer.</summary>
    /// <param name="status">The HTTP status code.</param>
    /// <param name="errorMessage">The service's <c>error</c> message, or a description of the answer.</param>
    /// <param name="requestMethod">The request's HTTP method.</param>
    /// <param name="requestPath">The request's path, without the query.</param>
    public WorkflowApiException(int status, string errorMessage, string requestMethod, string requestPath)
        : this(status, errorMessage, requestMethod, requestPath, innerException: null)
    {
    }

    /// <summary>Creates the exception for an error answer, with the exception that caused it.</summary>
    /// <param name="status">The HTTP status code, or 0 when no answer was received.</param>
    /// <param name="errorMessage">The service's <c>error</c> message, or a description of what happened.</param>
    /// <param name="requestMethod">The request's HTTP method.</param>
    /// <param name="requestPath">The request's path, without the query.</param>
    /// <param name="innerException">The cause, if any.</param>
    public WorkflowApiException(int status, string errorMessage, string requestMethod, string requestPath, Exception? innerException)
        : base($"{requestMethod} {requestPath} failed with status {status}: {errorMessage}", innerException)
    {
        Status = status;
        ErrorMessage = errorMessage;
        RequestMethod = requestMethod;
        RequestPath = requestPath;
    }

    /// <summary>The HTTP status code of the answer (0 when no answer was received).</summary>
    public int Status { get; }

    /// <summary>The service's own <c>error</c> message, or a description of the answer when it had none.</summary>
    public string ErrorMessage { get; }

    /// <summary>The HTTP method of the failed request.</summary>
    public string RequestMethod { get; }

    /// <summary>The path of the failed request, without the query string.</summary>
    public string RequestPath { get; }

    /// <summary>The attempts the transport made of the failed request; 0 for an exception built elsewhere.</summary>
    internal int Attempts { get; init; }

    /// <summary>
    /// The attempts that may have been applied (a timeout, a dropped connection, a 5xx, a success whose answer could
    /// not be read), as the transport classified them; 0 for a request that changes nothing.
    /// </summary>
    internal int AttemptsInDoubt { get; init; }
}
