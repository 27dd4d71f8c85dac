using BulkResume.Engine.Selection;

namespace BulkResume.Engine.Http.Parsing;

/// <summary>Reads the selection, <c>cursor</c> and <c>count</c> query parameters that every bulk DLQ endpoint shares.</summary>
internal static class BulkRequestParser
{
    public static DlqSelection Selection(QueryParameters query) => new()
    {
        DlqIds = query.Many("dlqIds"),
        FromDate = query.UnixMilliseconds("fromDate"),
        ToDate = query.UnixMilliseconds("toDate"),
        WorkflowUrls = query.ManyWithoutSplitting("workflowUrl"),
        WorkflowRunId = query.Single("workflowRunId"),
        WorkflowCreatedAt = query.UnixMilliseconds("workflowCreatedAt"),
        Labels = query.Many("label"),
        FlowControlKeys = query.Many("flowControlKey"),
        CallerIps = query.Many("callerIp"),
        FailureCallbackStates = query.Many("failureFunctionState")
            .Select(state => FailureCallbackStateNames.Parse("failureFunctionState", state))
            .ToArray(),
    };

    public static string? Cursor(QueryParameters query) => query.Single("cursor");

    public static int? Count(QueryParameters query, int max) =>
        query.Int32("count", $"an integer from 1 to {max}");
}
