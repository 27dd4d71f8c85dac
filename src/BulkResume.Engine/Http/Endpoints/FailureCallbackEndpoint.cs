using BulkResume.Engine.Http.Parsing;
using BulkResume.Engine.Http.Routing;
using BulkResume.Engine.Http.Wire;

namespace BulkResume.Engine.Http.Endpoints;

/// <summary>
/// <c>/v2/workflows/dlq/callback/{dlqId}</c>: <c>POST</c> retries a failed failure callback and answers the entry's run;
/// <c>DELETE</c> cancels one in progress and answers <c>302</c> without a body, as the service does.
/// </summary>
internal sealed class FailureCallbackEndpoint(DlqEngine engine)
{
    public const string Path = "/v2/workflows/dlq/callback/{dlqId}";

    public void MapTo(DlqRouteTable routes) => routes
        .Map("POST", Path, AllowedParameters.None, RetryAsync)
        .Map("DELETE", Path, AllowedParameters.None, CancelAsync);

    private async ValueTask<DlqApiResponse> RetryAsync(
        DlqApiRequest request, IReadOnlyDictionary<string, string> routeValues, CancellationToken cancellationToken)
    {
        DlqEntry entry = await engine.RetryFailureCallbackAsync(routeValues["dlqId"], cancellationToken).ConfigureAwait(false);
        return DlqApiResponses.Json(200, ResumedRunBody.From(entry.WorkflowRunId, entry.WorkflowCreatedAt), DlqApiJsonContext.Default.ResumedRunBody);
    }

    private async ValueTask<DlqApiResponse> CancelAsync(
        DlqApiRequest request, IReadOnlyDictionary<string, string> routeValues, CancellationToken cancellationToken)
    {
        await engine.CancelFailureCallbackAsync(routeValues["dlqId"], cancellationToken).ConfigureAwait(false);
        return new DlqApiResponse(302, ReadOnlyMemory<byte>.Empty);
    }
}
