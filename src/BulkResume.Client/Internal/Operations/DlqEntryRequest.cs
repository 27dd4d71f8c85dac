using BulkResume.Internal.Http;

namespace BulkResume.Internal.Operations;

/// <summary>Requests on one DLQ entry: <c>{path}/{dlqId}</c> with the id percent-escaped, so that a 404 names the id.</summary>
internal static class DlqEntryRequest
{
    /// <exception cref="ArgumentException"><paramref name="dlqId"/> is null or blank.</exception>
    public static WorkflowRequest Create(HttpMethod method, string path, string dlqId, string parameterName)
    {
        if (string.IsNullOrWhiteSpace(dlqId))
        {
            throw new ArgumentException(
                "The DLQ id is blank. Pass an entry's id as DlqMessage.DlqId gives it (for example 1752829295505-0); ListAsync finds them.",
                parameterName);
        }

        return new WorkflowRequest(method, path + "/" + Uri.EscapeDataString(dlqId))
        {
            Route = path + "/{dlqId}",
            DlqIds = [dlqId],
        };
    }
}
