using BulkResume.Internal.Http;

namespace BulkResume.Internal.Operations;

/// <summary>The request of a page that follows the service's cursor: the selection's parameters, then <c>count</c>, then <c>cursor</c>.</summary>
internal static class CursorRequest
{
    /// <param name="method">The operation's HTTP method.</param>
    /// <param name="path">The operation's path.</param>
    /// <param name="appendSelection">Adds the selection's parameters, in the order the contract lists them.</param>
    /// <param name="count">The page size to ask for, or null for the service's default.</param>
    /// <param name="cursor">The service's cursor, or null for the first page.</param>
    public static WorkflowRequest Create(HttpMethod method, string path, Action<QueryString> appendSelection, int? count, string? cursor)
    {
        var request = new WorkflowRequest(method, path);
        appendSelection(request.Query);
        if (count is { } size)
        {
            request.Query.Add("count", size);
        }

        if (cursor is not null)
        {
            request.Query.Add("cursor", cursor);
        }

        return request;
    }
}
