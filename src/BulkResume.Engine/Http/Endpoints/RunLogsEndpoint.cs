using BulkResume.Engine.Http.Parsing;
using BulkResume.Engine.Http.Routing;
using BulkResume.Engine.Http.Wire;
using BulkResume.Engine.Paging;

namespace BulkResume.Engine.Http.Endpoints;

/// <summary><c>GET /v2/workflows/logs?workflowRunId=...&amp;cursor=...&amp;count=...</c>: runs and their steps, paged by run id.</summary>
internal sealed class RunLogsEndpoint(DlqEngine engine)
{
    public const string Path = "/v2/workflows/logs";

    public void MapTo(DlqRouteTable routes) => routes.Map("GET", Path, ListAsync);

    private async ValueTask<DlqApiResponse> ListAsync(
        DlqApiRequest request, IReadOnlyDictionary<string, string> routeValues, CancellationToken cancellationToken)
    {
        var query = new QueryParameters(request.Query);
        WorkflowRunPage page = await engine.ListRunsAsync(
            query.Single("workflowRunId"),
            BulkRequestParser.Cursor(query),
            BulkRequestParser.Count(query, DlqEngineOptions.ServiceMaxListPageSize),
            cancellationToken).ConfigureAwait(false);
        var body = new RunLogsResponseBody { Cursor = page.Cursor, Runs = page.Runs.Select(RunLogBody.From).ToArray() };
        return DlqApiResponses.Json(200, body, DlqApiJsonContext.Default.RunLogsResponseBody);
    }
}
