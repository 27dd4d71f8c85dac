using BulkResume.Engine.Model;
using BulkResume.Engine.Selection;

namespace BulkResume.Engine.Http.Parsing;

/// <summary>
/// Reads the selection, <c>cursor</c> and <c>count</c> query parameters that every DLQ endpoint that selects entries
/// shares (list, resume, restart, delete).
/// </summary>
internal static class BulkRequestParser
{
    public static SelectionRequest Parse(DlqApiRequest request, int maxCount)
    {
        var query = new QueryParameters(request.Query);
        return new SelectionRequest(Selection(query), Cursor(query), Count(query, maxCount));
    }

    public static string? Cursor(QueryParameters query) => query.Single("cursor");

    public static int? Count(QueryParameters query, int max) =>
        query.Int32("count", $"an integer from 1 to {max}");

    /// <summary>
    /// A <c>toDate</c>, inclusive to the whole millisecond: the wire shows times in milliseconds, so what is listed at X
    /// must be selected by toDate=X even when it happened a fraction of a millisecond after X.
    /// </summary>
    public static DateTimeOffset? InclusiveEnd(DateTimeOffset? toDate) => toDate?.AddTicks(TimeSpan.TicksPerMillisecond - 1);

    private static DlqSelection Selection(QueryParameters query) => new()
    {
        DlqIds = query.Many("dlqIds"),
        FromDate = query.UnixMilliseconds("fromDate"),
        ToDate = InclusiveEnd(query.UnixMilliseconds("toDate")),
        WorkflowUrls = query.Many("workflowUrl"),
        WorkflowRunId = query.Single("workflowRunId"),
        WorkflowCreatedAt = query.UnixMilliseconds("workflowCreatedAt"),
        Labels = query.Many("label"),
        FlowControlKeys = query.Many("flowControlKey"),
        CallerIps = query.Many("callerIp"),
        FailureCallbackStates = query.Many("failureFunctionState")
            .Select(state => WireNames.ParseFailureCallbackState("failureFunctionState", state))
            .ToArray(),
    };
}
