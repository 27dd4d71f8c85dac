using BulkResume.Engine.BulkActions;
using BulkResume.Engine.Http.Parsing;
using BulkResume.Engine.Http.Routing;
using BulkResume.Engine.Http.Wire;
using BulkResume.Engine.Paging;
using BulkResume.Engine.Selection;

namespace BulkResume.Engine.Http.Endpoints;

/// <summary>
/// The async bulk actions: <c>POST /v2/workflows/dlq/resume/bulk</c>, <c>POST /v2/workflows/dlq/restart/bulk</c> and
/// <c>DELETE /v2/workflows/dlq/bulk</c> start one over a selection (the sync endpoints' criteria, no ids, cursor or count)
/// and answer its id; <c>GET /v2/workflows/bulkActions</c> lists them and <c>GET /v2/workflows/bulkActions/{actionId}</c>
/// reads one.
/// </summary>
internal sealed class BulkActionsEndpoint(DlqEngine engine)
{
    public const string Path = "/v2/workflows/bulkActions";

    public void MapTo(DlqRouteTable routes) => routes
        .Map("POST", ResumeEndpoint.ResumePath + "/bulk", AllowedParameters.For(SelectionOperations.ResumeAction), (request, _, token) => StartAsync(BulkActionKind.Resume, request, token))
        .Map("POST", ResumeEndpoint.RestartPath + "/bulk", AllowedParameters.For(SelectionOperations.RestartAction), (request, _, token) => StartAsync(BulkActionKind.Restart, request, token))
        .Map("DELETE", DlqMessagesEndpoint.Path + "/bulk", AllowedParameters.For(SelectionOperations.DeleteAction), (request, _, token) => StartAsync(BulkActionKind.Delete, request, token))
        .Map("GET", Path, AllowedParameters.BulkActionList, ListAsync)
        .Map("GET", Path + "/{actionId}", AllowedParameters.None, GetAsync);

    private async ValueTask<DlqApiResponse> StartAsync(BulkActionKind kind, DlqApiRequest request, CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, IReadOnlyList<string>> filter = BulkRequestParser.Filter(request, kind.Operation);

        // A delete makes no runs, so it reads no override headers, as the sync delete.
        ResumeOverrides? overrides = kind.TakesOverrides ? ResumeEndpoint.Overrides(request) : null;
        string actionId = await engine.BulkActions.StartAsync(kind, filter, overrides, cancellationToken).ConfigureAwait(false);
        return DlqApiResponses.Json(200, new BulkActionCreatedBody { ActionId = actionId }, DlqApiJsonContext.Default.BulkActionCreatedBody);
    }

    private async ValueTask<DlqApiResponse> ListAsync(
        DlqApiRequest request, IReadOnlyDictionary<string, string> routeValues, CancellationToken cancellationToken)
    {
        var query = new QueryParameters(request.Query);
        int count = PageSize.Resolve(
            BulkRequestParser.Count(query, BulkActionService.MaxListCount), BulkActionService.DefaultListCount, BulkActionService.MaxListCount);
        bool? finished = query.Single(AllowedParameters.BulkActionStateParameter) switch
        {
            null => null,
            WireNames.BulkActionInProgress => false,
            WireNames.BulkActionFinished => true,
            string other => throw DlqEngineException.BadRequest(
                AllowedParameters.BulkActionStateParameter,
                $"state must be {WireNames.BulkActionInProgress} or {WireNames.BulkActionFinished}; got '{TextChecks.Shorten(other)}'. Leave it out for every action."),
        };

        (IReadOnlyList<BulkActionView> actions, string? cursor) = await engine.BulkActions.ListAsync(
            BulkRequestParser.Cursor(query), count, finished, cancellationToken).ConfigureAwait(false);
        var body = new BulkActionsResponseBody { Cursor = cursor, BulkActions = actions.Select(BulkActionBody.From).ToArray() };
        return DlqApiResponses.Json(200, body, DlqApiJsonContext.Default.BulkActionsResponseBody);
    }

    private async ValueTask<DlqApiResponse> GetAsync(
        DlqApiRequest request, IReadOnlyDictionary<string, string> routeValues, CancellationToken cancellationToken)
    {
        BulkActionView action = await engine.BulkActions.GetAsync(routeValues["actionId"], cancellationToken).ConfigureAwait(false);
        return DlqApiResponses.Json(200, BulkActionBody.From(action), DlqApiJsonContext.Default.BulkActionBody);
    }
}
