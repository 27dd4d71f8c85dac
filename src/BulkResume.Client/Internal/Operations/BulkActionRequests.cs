using BulkResume.Internal.Diagnostics;
using BulkResume.Internal.Http;
using BulkResume.Internal.Validation;
using BulkResume.Internal.Wire;

namespace BulkResume.Internal.Operations;

/// <summary>
/// The requests of bulk actions that every caller shares: starting one (whatever endpoint starts it) and reading one
/// by its id.
/// </summary>
internal static class BulkActionRequests
{
    /// <summary>The bulk actions' collection: <c>GET</c> lists them, <c>GET {path}/{actionId}</c> reads one.</summary>
    public const string Path = "/v2/workflows/bulkActions";

    /// <summary>Sends a request that starts a bulk action and returns the operation that watches it.</summary>
    /// <param name="pipeline">Sends the request.</param>
    /// <param name="request">The request, its selection and headers already validated.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    /// <remarks>
    /// Any 2xx with an <c>actionId</c> is a success. The pipeline retries the request after a lost answer like any
    /// other: an identical request while the action runs returns the same action, and one that arrives after it finished
    /// starts a new one over what is left of the selection, which the first has taken out of the DLQ.
    /// </remarks>
    public static async Task<BulkActionOperation> StartAsync(WorkflowPipeline pipeline, WorkflowRequest request, CancellationToken cancellationToken)
    {
        var answer = await pipeline.SendAsync(request, WorkflowJsonContext.Default.BulkActionStartedWire, cancellationToken).ConfigureAwait(false);
        Log.BulkActionStarted(pipeline.Logger, request.Method.Method, request.Path, answer.ActionId);
        return new BulkActionOperation(pipeline, answer.ActionId);
    }

    /// <summary>Refuses an action id that is blank or has a control character, before anything is sent.</summary>
    /// <param name="actionId">The id.</param>
    /// <param name="parameterName">The caller's parameter.</param>
    /// <returns><paramref name="actionId"/>.</returns>
    public static string EnsureId(string actionId, string parameterName)
    {
        WireText.EnsureValue(actionId, parameterName, "The bulk action id", "an action's id as BulkActionOperation.Id or BulkAction.ActionId gives it");
        return actionId;
    }

    /// <summary>Reads the action (<c>GET /v2/workflows/bulkActions/{actionId}</c>, the id escaped).</summary>
    /// <param name="pipeline">Sends the request.</param>
    /// <param name="actionId">The id, checked by <see cref="EnsureId"/>.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    /// <exception cref="WorkflowApiException">The service answered an error: status 404 when it does not know the action (or no longer: it keeps one 7 days).</exception>
    public static async Task<BulkAction> ReadAsync(WorkflowPipeline pipeline, string actionId, CancellationToken cancellationToken)
    {
        var request = new WorkflowRequest(HttpMethod.Get, Path + "/" + Uri.EscapeDataString(actionId)) { Route = Path + "/{actionId}" };
        var action = (await pipeline.SendAsync(request, WorkflowJsonContext.Default.BulkActionWire, cancellationToken).ConfigureAwait(false)).ToModel();
        Log.BulkActionRead(pipeline.Logger, actionId, action.State.ToString(), action.Processed, action.Total);
        return action;
    }
}
