using BulkResume.Engine.Http.Routing;
using BulkResume.Engine.Http.Wire;
using BulkResume.Engine.Model;

namespace BulkResume.Engine.Http.Endpoints;

/// <summary><c>POST /v2/workflows/dlq/callback/{dlqId}</c>: retries a failed failure callback; answers the entry's run.</summary>
internal sealed class FailureCallbackEndpoint(DlqEngine engine)
{
    public const string Path = "/v2/workflows/dlq/callback/{dlqId}";

    public void MapTo(DlqRouteTable routes) => routes.Map("POST", Path, RetryAsync);

    private async ValueTask<DlqApiResponse> RetryAsync(
        DlqApiRequest request, IReadOnlyDictionary<string, string> routeValues, CancellationToken cancellationToken)
    {
        DlqEntry entry = await engine.RetryFailureCallbackAsync(routeValues["dlqId"], cancellationToken).ConfigureAwait(false);
        return DlqApiResponses.Json(200, ResumedRunBody.From(entry.WorkflowRunId, entry.WorkflowCreatedAt), DlqApiJsonContext.Default.ResumedRunBody);
    }
}
