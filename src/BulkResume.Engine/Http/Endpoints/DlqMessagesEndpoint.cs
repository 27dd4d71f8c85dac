using BulkResume.Engine.Http.Parsing;
using BulkResume.Engine.Http.Routing;
using BulkResume.Engine.Http.Wire;
using BulkResume.Engine.Paging;
using BulkResume.Engine.Selection;

namespace BulkResume.Engine.Http.Endpoints;

/// <summary>
/// The DLQ messages themselves: <c>GET /v2/workflows/dlq</c> (list; also the alias <c>GET /v2/dlq?source=workflow</c>),
/// <c>GET</c> and <c>DELETE /v2/workflows/dlq/{dlqId}</c>, <c>DELETE /v2/workflows/dlq</c> (bulk delete) and
/// <c>DELETE /v2/workflows/dlq/multi</c> (the ids in a JSON body, all or nothing).
/// </summary>
internal sealed class DlqMessagesEndpoint(DlqEngine engine)
{
    public const string Path = "/v2/workflows/dlq";
    public const string AliasPath = "/v2/dlq";
    private const string WorkflowSource = "workflow";

    public void MapTo(DlqRouteTable routes) => routes
        .Map("GET", Path, AllowedParameters.List, ListAsync)
        .Map("GET", AliasPath, AllowedParameters.ListAlias, ListAliasAsync)
        .Map("DELETE", Path, AllowedParameters.For(SelectionOperations.Delete), BulkDeleteAsync)
        .Map("DELETE", Path + ResumeEndpoint.MultiSegment, AllowedParameters.None, DeleteByIdsAsync)
        .Map("GET", Path + "/{dlqId}", AllowedParameters.None, GetAsync)
        .Map("DELETE", Path + "/{dlqId}", AllowedParameters.None, DeleteAsync);

    private async ValueTask<DlqApiResponse> ListAsync(
        DlqApiRequest request, IReadOnlyDictionary<string, string> routeValues, CancellationToken cancellationToken)
    {
        SelectionRequest selection = BulkRequestParser.Parse(request, SelectionOperations.List, DlqEngineOptions.ServiceMaxListPageSize);
        DlqEntryPage page = await engine.ListAsync(selection.Selection, selection.Cursor, selection.Count, cancellationToken).ConfigureAwait(false);
        var body = new DlqMessagesResponseBody { Cursor = page.Cursor, Messages = page.Entries.Select(DlqMessageBody.From).ToArray() };
        return DlqApiResponses.Json(200, body, DlqApiJsonContext.Default.DlqMessagesResponseBody);
    }

    /// <summary>The older path the official TypeScript SDK calls; it lists workflow runs only when asked with <c>source=workflow</c>.</summary>
    private ValueTask<DlqApiResponse> ListAliasAsync(
        DlqApiRequest request, IReadOnlyDictionary<string, string> routeValues, CancellationToken cancellationToken)
    {
        string? source = new QueryParameters(request.Query).Single("source");
        if (!string.Equals(source, WorkflowSource, StringComparison.Ordinal))
        {
            string got = source is null ? "it is missing" : $"got '{source}'";
            throw DlqEngineException.BadRequest(
                "source",
                $"source must be '{WorkflowSource}' on {AliasPath} (this DLQ holds workflow runs only); {got}. Send source={WorkflowSource}, or call GET {Path}.");
        }

        return ListAsync(request, routeValues, cancellationToken);
    }

    private async ValueTask<DlqApiResponse> GetAsync(
        DlqApiRequest request, IReadOnlyDictionary<string, string> routeValues, CancellationToken cancellationToken)
    {
        DlqEntry entry = await engine.GetAsync(routeValues["dlqId"], cancellationToken).ConfigureAwait(false);
        return DlqApiResponses.Json(200, DlqMessageBody.From(entry), DlqApiJsonContext.Default.DlqMessageBody);
    }

    private async ValueTask<DlqApiResponse> DeleteAsync(
        DlqApiRequest request, IReadOnlyDictionary<string, string> routeValues, CancellationToken cancellationToken)
    {
        await engine.DeleteAsync(routeValues["dlqId"], cancellationToken).ConfigureAwait(false);
        return DlqApiResponses.Ok();
    }

    private async ValueTask<DlqApiResponse> DeleteByIdsAsync(
        DlqApiRequest request, IReadOnlyDictionary<string, string> routeValues, CancellationToken cancellationToken)
    {
        var selection = new DlqSelection { DlqIds = DlqIdsBody.Parse(request, "DELETE " + Path + ResumeEndpoint.MultiSegment) };
        BulkDeleteResult result = await engine.BulkDeleteAsync(selection, cancellationToken: cancellationToken).ConfigureAwait(false);
        return DlqApiResponses.Json(200, new BulkDeleteResponseBody { Deleted = result.DeletedDlqIds.Count }, DlqApiJsonContext.Default.BulkDeleteResponseBody);
    }

    private async ValueTask<DlqApiResponse> BulkDeleteAsync(
        DlqApiRequest request, IReadOnlyDictionary<string, string> routeValues, CancellationToken cancellationToken)
    {
        SelectionRequest selection = BulkRequestParser.Parse(request, SelectionOperations.Delete, engine.MaxBulkPageSize);
        BulkDeleteResult result = await engine.BulkDeleteAsync(selection.Selection, selection.Cursor, selection.Count, cancellationToken).ConfigureAwait(false);
        var body = new BulkDeleteResponseBody { Deleted = result.DeletedDlqIds.Count, Cursor = result.Cursor };
        return DlqApiResponses.Json(200, body, DlqApiJsonContext.Default.BulkDeleteResponseBody);
    }
}
