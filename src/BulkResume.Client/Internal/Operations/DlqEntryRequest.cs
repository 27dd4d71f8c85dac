using System.Net;
using BulkResume.Internal.Http;
using BulkResume.Internal.Validation;

namespace BulkResume.Internal.Operations;

/// <summary>Requests on one DLQ entry: <c>{path}/{dlqId}</c> with the id percent-escaped.</summary>
internal static class DlqEntryRequest
{
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The collection's path, e.g. <c>/v2/workflows/dlq/resume</c>.</param>
    /// <param name="dlqId">The entry's id.</param>
    /// <param name="parameterName">The caller's parameter name, for the error.</param>
    /// <param name="alsoSuccess">A status outside 2xx that means success (see <see cref="WorkflowRequest.AlsoSuccess"/>).</param>
    /// <exception cref="ArgumentException"><paramref name="dlqId"/> is null or blank, or has a control character.</exception>
    public static WorkflowRequest Create(HttpMethod method, string path, string dlqId, string parameterName, HttpStatusCode? alsoSuccess = null)
    {
        WireText.EnsureValue(dlqId, parameterName, "The DLQ id", "an entry's id as DlqMessage.DlqId gives it (for example 1752829295505-0); ListAsync finds them");

        return new WorkflowRequest(method, path + "/" + Uri.EscapeDataString(dlqId))
        {
            Route = path + "/{dlqId}",
            AlsoSuccess = alsoSuccess,
        };
    }
}
