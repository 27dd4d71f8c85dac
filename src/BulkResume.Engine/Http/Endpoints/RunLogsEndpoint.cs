using BulkResume.Engine.Http.Parsing;
using BulkResume.Engine.Http.Routing;
using BulkResume.Engine.Http.Wire;
using BulkResume.Engine.Selection;

namespace BulkResume.Engine.Http.Endpoints;

/// <summary>
/// The run logs, <c>GET /v2/workflows/logs</c> with the contract's filters, <c>trimBody</c>, <c>cursor</c> and
/// <c>count</c>; also served as <c>GET /v2/workflows/events?groupBy=workflowRunId</c>, which the official TypeScript SDK's
/// <c>client.logs()</c> calls.
/// </summary>
internal sealed class RunLogsEndpoint(DlqEngine engine)
{
    public const string Path = "/v2/workflows/logs";
    public const string EventsPath = "/v2/workflows/events";
    private const string RunGrouping = "workflowRunId";

    public void MapTo(DlqRouteTable routes) => routes
        .Map("GET", Path, AllowedParameters.RunLogs, ListAsync)
        .Map("GET", EventsPath, AllowedParameters.RunEvents, ListEventsAsync);

    private ValueTask<DlqApiResponse> ListEventsAsync(
        DlqApiRequest request, IReadOnlyDictionary<string, string> routeValues, CancellationToken cancellationToken)
    {
        string? groupBy = new QueryParameters(request.Query).Single("groupBy");
        if (groupBy != RunGrouping)
        {
            string got = groupBy is null ? "it is missing" : $"got '{groupBy}'";
            throw DlqEngineException.BadRequest(
                "groupBy",
                $"groupBy must be {RunGrouping} on {EventsPath}: the engine serves the runs view of the logs, not single events; {got}. Send groupBy={RunGrouping}, or call GET {Path}.");
        }

        return ListAsync(request, routeValues, cancellationToken);
    }

    private async ValueTask<DlqApiResponse> ListAsync(
        DlqApiRequest request, IReadOnlyDictionary<string, string> routeValues, CancellationToken cancellationToken)
    {
        var query = new QueryParameters(request.Query);
        RunSelection selection = BulkRequestParser.Runs(query, SelectionOperations.ListRuns);
        int? trimBody = query.Int32(AllowedParameters.RunLogsTrimBody, "-1 (leave bodies out) or a number of bytes to keep");
        if (trimBody is < -1)
        {
            throw DlqEngineException.BadRequest("trimBody", $"trimBody must be -1 (leave bodies out) or a number of bytes, 0 or more; got {trimBody}.");
        }

        WorkflowRunPage page = await engine.ListRunsAsync(
            selection,
            BulkRequestParser.Cursor(query),
            BulkRequestParser.Count(query, DlqEngineOptions.ServiceMaxRunPageSize),
            cancellationToken).ConfigureAwait(false);
        var trim = new BodyTrim(trimBody);
        var body = new RunLogsResponseBody { Cursor = page.Cursor, Runs = page.Runs.Select(run => RunLogBody.From(run, trim)).ToArray() };
        return DlqApiResponses.Json(200, body, DlqApiJsonContext.Default.RunLogsResponseBody);
    }
}
