using BulkResume.Engine.Http.Parsing;
using BulkResume.Engine.Http.Routing;
using BulkResume.Engine.Http.Wire;
using BulkResume.Engine.Resume;

namespace BulkResume.Engine.Http.Endpoints;

/// <summary><c>POST /v2/workflows/dlq/resume</c>: bulk resume by ids or by filter, overrides in headers.</summary>
internal sealed class BulkResumeEndpoint(DlqEngine engine)
{
    public const string Path = "/v2/workflows/dlq/resume";

    public void MapTo(DlqRouteTable routes) => routes.Map("POST", Path, HandleAsync);

    private async ValueTask<DlqApiResponse> HandleAsync(
        DlqApiRequest request, IReadOnlyDictionary<string, string> routeValues, CancellationToken cancellationToken)
    {
        var query = new QueryParameters(request.Query);
        BulkResumeResult result = await engine.BulkResumeAsync(
            BulkRequestParser.Selection(query),
            BulkRequestParser.Cursor(query),
            BulkRequestParser.Count(query, engine.MaxBulkPageSize),
            OverrideHeaderParser.Parse(request),
            cancellationToken).ConfigureAwait(false);

        var body = new BulkResumeResponseBody
        {
            Cursor = result.Cursor,
            WorkflowRuns = result.ResumedRuns
                .Select(run => new ResumedRunBody { WorkflowRunId = run.WorkflowRunId, WorkflowCreatedAt = run.WorkflowCreatedAt.ToUnixTimeMilliseconds() })
                .ToArray(),
        };
        return DlqApiResponses.Json(200, body, DlqApiJsonContext.Default.BulkResumeResponseBody);
    }
}
