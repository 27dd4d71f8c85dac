using BulkResume.Engine.BulkActions;
using BulkResume.Engine.Http.Parsing;
using BulkResume.Engine.Http.Routing;
using BulkResume.Engine.Http.Wire;
using BulkResume.Engine.Selection;

namespace BulkResume.Engine.Http.Endpoints;

/// <summary>
/// Canceling runs: <c>DELETE /v2/workflows/runs/{workflowRunId}</c> (one run in progress; 200 without a body; with
/// <c>cancel=false</c> a delivered run succeeds, as the workflow SDK's finishing call asks) and
/// <c>DELETE /v2/workflows/runs</c> (every run in progress the filters select, <c>{"cancelled": n}</c>; with
/// <c>async=true</c> a bulk action of kind <c>cancel</c> over them, <c>{"actionId": "..."}</c>).
/// </summary>
/// <remarks>
/// The bulk form reads <c>workflowUrl</c> as a prefix unless <c>workflowUrlExactMatch=true</c>, as the service does, and
/// cancels every run in progress when no filter is given. The async form takes no <c>count</c>: an action covers its
/// whole selection, so a cap it ignored would widen what the caller asked for.
/// </remarks>
internal sealed class RunsEndpoint(DlqEngine engine)
{
    public const string Path = "/v2/workflows/runs";

    public void MapTo(DlqRouteTable routes) => routes
        .Map("DELETE", Path, AllowedParameters.CancelRuns, CancelAsync)
        .Map("DELETE", Path + "/{workflowRunId}", AllowedParameters.FinishRun, CancelOneAsync);

    /// <summary>
    /// Cancels one run; with <c>cancel=false</c> (the workflow SDK's call after the last step) the delivered run succeeds
    /// instead, the body its result.
    /// </summary>
    private async ValueTask<DlqApiResponse> CancelOneAsync(
        DlqApiRequest request, IReadOnlyDictionary<string, string> routeValues, CancellationToken cancellationToken)
    {
        string workflowRunId = routeValues["workflowRunId"];
        switch (new QueryParameters(request.Query).Single(AllowedParameters.FinishRunCancel))
        {
            case null or "true":
                await engine.CancelRunAsync(workflowRunId, cancellationToken).ConfigureAwait(false);
                break;
            case "false":
                string? response = request.Body.IsEmpty ? null : System.Text.Encoding.UTF8.GetString(request.Body.Span);
                await engine.Protocol.SucceedAsync(workflowRunId, response, cancellationToken).ConfigureAwait(false);
                break;
            case string other:
                throw CriterionValueRule.Malformed(
                    AllowedParameters.FinishRunCancel, other, "true (cancel the run, the default) or false (the run succeeded; the body is its result)");
        }

        return DlqApiResponses.Ok();
    }

    private async ValueTask<DlqApiResponse> CancelAsync(
        DlqApiRequest request, IReadOnlyDictionary<string, string> routeValues, CancellationToken cancellationToken)
    {
        var query = new QueryParameters(request.Query);
        SelectionOperations operation = BulkRequestParser.CancelOperation(query);
        RunSelection selection = BulkRequestParser.Runs(query, operation);
        int? count = query.Int32(AllowedParameters.RunsCancelCount, "an integer of 1 or more (the most runs to cancel)");
        if (IsAsync(query))
        {
            if (count is not null)
            {
                throw DlqEngineException.BadRequest(
                    AllowedParameters.RunsCancelCount,
                    "count does not go with async=true: a bulk action cancels every run it selects. Leave count out, or leave async out to cancel at most count runs now. Nothing was changed.");
            }

            // The filter as given, with the match of workflowUrl, which the action reads it by again.
            var filter = new Dictionary<string, IReadOnlyList<string>>(BulkRequestParser.Filter(request, operation), StringComparer.Ordinal);
            if (query.Single(AllowedParameters.RunsCancelExactMatch) is { } exactMatch)
            {
                filter[AllowedParameters.RunsCancelExactMatch] = [exactMatch];
            }

            string actionId = await engine.BulkActions.StartAsync(BulkActionKind.Cancel, filter, overrides: null, cancellationToken).ConfigureAwait(false);
            return DlqApiResponses.Json(200, new BulkActionCreatedBody { ActionId = actionId }, DlqApiJsonContext.Default.BulkActionCreatedBody);
        }

        int canceled = await engine.CancelRunsAsync(selection, count, cancellationToken).ConfigureAwait(false);
        return DlqApiResponses.Json(200, new CancelRunsResponseBody { Cancelled = canceled }, DlqApiJsonContext.Default.CancelRunsResponseBody);
    }

    private static bool IsAsync(QueryParameters query) => query.Single(AllowedParameters.RunsCancelAsync) switch
    {
        null or "false" => false,
        "true" => true,
        string other => throw CriterionValueRule.Malformed(AllowedParameters.RunsCancelAsync, other, "true (start a bulk action and answer its id) or false (cancel now and answer the count, the default)"),
    };
}
