using BulkResume.Engine.Http.Parsing;
using BulkResume.Engine.Http.Routing;
using BulkResume.Engine.Http.Wire;
using BulkResume.Engine.Selection;

namespace BulkResume.Engine.Http.Endpoints;

/// <summary>
/// The DLQ entries that leave as new runs: <c>POST /v2/workflows/dlq/resume</c> and <c>POST /v2/workflows/dlq/restart</c>
/// (bulk, by ids or by filter), the same paths with <c>/multi</c> (ids in a JSON body) and with <c>/{dlqId}</c> (one
/// entry), overrides in headers.
/// </summary>
/// <remarks>
/// <c>/multi</c> is a literal segment, so it is never read as a DLQ id; an entry whose id is <c>multi</c> is resumed by
/// the bulk path's <c>dlqIds</c>.
/// </remarks>
internal sealed class ResumeEndpoint(DlqEngine engine)
{
    public const string ResumePath = "/v2/workflows/dlq/resume";
    public const string RestartPath = "/v2/workflows/dlq/restart";

    /// <summary>The last segment of the endpoints that take the ids in a JSON body.</summary>
    public const string MultiSegment = "/multi";

    public void MapTo(DlqRouteTable routes) => routes
        .Map("POST", ResumePath, AllowedParameters.For(SelectionOperations.Resume), (request, _, cancellationToken) => BulkAsync(engine.BulkResumeAsync, SelectionOperations.Resume, request, cancellationToken))
        .Map("POST", ResumePath + "/{dlqId}", AllowedParameters.None, (request, values, cancellationToken) => OneAsync(engine.ResumeAsync, request, values, cancellationToken))
        .Map("POST", ResumePath + MultiSegment, AllowedParameters.None, (request, _, cancellationToken) => ByIdsAsync(engine.BulkResumeAsync, "POST " + ResumePath + MultiSegment, request, cancellationToken))
        .Map("POST", RestartPath, AllowedParameters.For(SelectionOperations.Restart), (request, _, cancellationToken) => BulkAsync(engine.BulkRestartAsync, SelectionOperations.Restart, request, cancellationToken))
        .Map("POST", RestartPath + MultiSegment, AllowedParameters.None, (request, _, cancellationToken) => ByIdsAsync(engine.BulkRestartAsync, "POST " + RestartPath + MultiSegment, request, cancellationToken))
        .Map("POST", RestartPath + "/{dlqId}", AllowedParameters.None, (request, values, cancellationToken) => OneAsync(engine.RestartAsync, request, values, cancellationToken));

    private async ValueTask<DlqApiResponse> BulkAsync(
        Func<DlqSelection, string?, int?, ResumeOverrides?, CancellationToken, ValueTask<BulkResumeResult>> operation,
        SelectionOperations taking,
        DlqApiRequest request,
        CancellationToken cancellationToken)
    {
        SelectionRequest selection = BulkRequestParser.Parse(request, taking, engine.MaxBulkPageSize);
        BulkResumeResult result = await operation(
            selection.Selection, selection.Cursor, selection.Count, OverrideHeaderParser.Parse(request), cancellationToken).ConfigureAwait(false);
        return DlqApiResponses.Json(200, BulkResumeResponseBody.From(result), DlqApiJsonContext.Default.BulkResumeResponseBody);
    }

    /// <summary>The ids of the body, all or nothing, answered in their order (with no cursor: they are all in one call).</summary>
    private static async ValueTask<DlqApiResponse> ByIdsAsync(
        Func<DlqSelection, string?, int?, ResumeOverrides?, CancellationToken, ValueTask<BulkResumeResult>> operation,
        string endpoint,
        DlqApiRequest request,
        CancellationToken cancellationToken)
    {
        var selection = new DlqSelection { DlqIds = DlqIdsBody.Parse(request, endpoint) };
        BulkResumeResult result = await operation(selection, null, null, OverrideHeaderParser.Parse(request), cancellationToken).ConfigureAwait(false);
        return DlqApiResponses.Json(200, BulkResumeResponseBody.From(result), DlqApiJsonContext.Default.BulkResumeResponseBody);
    }

    private static async ValueTask<DlqApiResponse> OneAsync(
        Func<string, ResumeOverrides?, CancellationToken, ValueTask<ResumedRunResult>> operation,
        DlqApiRequest request,
        IReadOnlyDictionary<string, string> routeValues,
        CancellationToken cancellationToken)
    {
        ResumedRunResult run = await operation(routeValues["dlqId"], OverrideHeaderParser.Parse(request), cancellationToken).ConfigureAwait(false);
        return DlqApiResponses.Json(200, ResumedRunBody.From(run.WorkflowRunId, run.WorkflowCreatedAt), DlqApiJsonContext.Default.ResumedRunBody);
    }
}
