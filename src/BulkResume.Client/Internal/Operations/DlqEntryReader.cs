using BulkResume.Internal.Http;
using BulkResume.Internal.Wire;

namespace BulkResume.Internal.Operations;

/// <summary>Reads one DLQ entry (<c>GET /v2/workflows/dlq/{dlqId}</c>); a 404 means it is not, or no longer, in the DLQ.</summary>
internal static class DlqEntryReader
{
    /// <param name="pipeline">Sends the request.</param>
    /// <param name="request">The GET from <see cref="DlqEntryRequest.Create"/>.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    /// <returns>The entry, or null on 404.</returns>
    public static async Task<DlqMessage?> ReadAsync(WorkflowPipeline pipeline, WorkflowRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var answer = await pipeline.SendAsync(request, WorkflowJsonContext.Default.DlqMessageWire, cancellationToken).ConfigureAwait(false);
            return answer.ToModel();
        }
        catch (WorkflowApiException notFound) when (notFound.Status == 404)
        {
            return null;
        }
    }
}
