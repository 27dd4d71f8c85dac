using BulkResume.Engine.Http.Parsing;
using BulkResume.Engine.Http.Routing;
using BulkResume.Engine.Http.Wire;
using BulkResume.Engine.Selection;

namespace BulkResume.Engine.Http.Endpoints;

/// <summary>
/// Canceling runs: <c>DELETE /v2/workflows/runs/{workflowRunId}</c> (one run in progress; 200 without a body) and
/// <c>DELETE /v2/workflows/runs</c> (every run in progress the filters select, <c>{"cancelled": n}</c>).
/// </summary>
/// <remarks>
/// The bulk form reads <c>workflowUrl</c> as a prefix unless <c>workflowUrlExactMatch=true</c>, as the service does, and
/// cancels every run in progress when no filter is given. It takes no <c>async</c>: the async form (a bulk action) is not
/// served yet, so the parameter is refused as unknown.
/// </remarks>
internal sealed class RunsEndpoint(DlqEngine engine)
{
    public const string Path = "/v2/workflows/runs";

    public void MapTo(DlqRouteTable routes) => routes
        .Map("DELETE", Path, AllowedParameters.CancelRuns, CancelAsync)
        .Map("DELETE", Path + "/{workflowRunId}", AllowedParameters.None, CancelOneAsync);

    private async ValueTask<DlqApiResponse> CancelOneAsync(
        DlqApiRequest request, IReadOnlyDictionary<string, string> routeValues, CancellationToken cancellationToken)
    {
        await engine.CancelRunAsync(routeValues["workflowRunId"], cancellationToken).ConfigureAwait(false);
        return DlqApiResponses.Ok();
    }

    private async ValueTask<DlqApiResponse> CancelAsync(
        DlqApiRequest request, IReadOnlyDictionary<string, string> routeValues, CancellationToken cancellationToken)
    {
        var query = new QueryParameters(request.Query);
        SelectionOperations operation = query.Single(AllowedParameters.RunsCancelExactMatch) switch
        {
            null or "false" => SelectionOperations.CancelRuns,
            "true" => SelectionOperations.CancelRunsByExactUrl,
            string other => throw CriterionValueRule.Malformed(AllowedParameters.RunsCancelExactMatch, other, "true (workflowUrl matches exactly) or false (as a prefix, the default)"),
        };
        RunSelection selection = BulkRequestParser.Runs(query, operation);
        int? count = query.Int32(AllowedParameters.RunsCancelCount, "an integer of 1 or more (the most runs to cancel)");
        int canceled = await engine.CancelRunsAsync(selection, count, cancellationToken).ConfigureAwait(false);
        return DlqApiResponses.Json(200, new CancelRunsResponseBody { Cancelled = canceled }, DlqApiJsonContext.Default.CancelRunsResponseBody);
    }
}
