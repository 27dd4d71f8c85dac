using System.Text;
using BulkResume.Engine.Delivery;
using BulkResume.Engine.Http.Parsing;
using BulkResume.Engine.Http.Routing;
using BulkResume.Engine.Http.Wire;

namespace BulkResume.Engine.Http.Endpoints;

/// <summary>
/// What the workflow SDK calls while a run executes: <c>POST /v2/batch</c> (init and step messages; answers
/// <c>[{"messageId"}]</c>), <c>POST /v2/publish/{url}</c> (one message; answers <c>{"messageId"}</c>) and
/// <c>GET /v2/workflows/runs/{workflowRunId}</c> (the lazy fetch: the run's history as the delivery body, 404 once it ended).
/// </summary>
/// <remarks>
/// A message for a feature the emulator does not implement is answered 412 with a message naming it: the SDK fails the
/// run at once with that message, where a 400 would read as "run finished" and hide it.
/// </remarks>
internal sealed class WorkflowProtocolEndpoint(DlqEngine engine)
{
    public const string BatchPath = "/v2/batch";
    public const string PublishPath = "/v2/publish";
    public const string RunPath = "/v2/workflows/runs/{workflowRunId}";

    public void MapTo(DlqRouteTable routes) => routes
        .Map("POST", BatchPath, AllowedParameters.None, BatchAsync)
        .Map("POST", PublishPath + "/{*destination}", AllowedParameters.None, PublishAsync)
        .Map("GET", RunPath, AllowedParameters.None, HistoryAsync);

    private ValueTask<DlqApiResponse> BatchAsync(DlqApiRequest request, IReadOnlyDictionary<string, string> routeValues, CancellationToken cancellationToken) =>
        AcceptAsync(PublishedMessages.ParseBatch(request.Body), single: false, cancellationToken);

    private ValueTask<DlqApiResponse> PublishAsync(DlqApiRequest request, IReadOnlyDictionary<string, string> routeValues, CancellationToken cancellationToken) =>
        AcceptAsync([PublishedMessages.ParsePublish(request, Destination(request.Path, PublishPath))], single: true, cancellationToken);

    private async ValueTask<DlqApiResponse> AcceptAsync(IReadOnlyList<PublishedMessage> messages, bool single, CancellationToken cancellationToken)
    {
        IReadOnlyList<AcceptedMessageBody> accepted = await engine.Protocol.AcceptAsync(messages, cancellationToken).ConfigureAwait(false);
        return single
            ? DlqApiResponses.Json(200, accepted[0], DeliveryJsonContext.Default.AcceptedMessageBody)
            : DlqApiResponses.Json(200, accepted.ToArray(), DeliveryJsonContext.Default.AcceptedMessageBodyArray);
    }

    private async ValueTask<DlqApiResponse> HistoryAsync(DlqApiRequest request, IReadOnlyDictionary<string, string> routeValues, CancellationToken cancellationToken)
    {
        string id = routeValues["workflowRunId"];
        RunRecord? run = await engine.Store.GetRunAsync(id, cancellationToken).ConfigureAwait(false);
        return run is { State: RunState.Started, Delivered: { } delivered }
            ? new DlqApiResponse(200, RawSteps.Serialize(delivered.History))
            : DlqApiResponses.Error(404, $"Workflow run {id} is not running (unknown, ended, or not started through the workflow protocol).");
    }

    /// <summary>
    /// The URL in a path (<c>/v2/publish/{url}</c>, <c>/v2/trigger/{url}</c>): the rest of the path after
    /// <paramref name="prefix"/> as sent, decoded, with a <c>//</c> a proxy or client may have folded after the scheme put back.
    /// </summary>
    internal static string Destination(string path, string prefix)
    {
        string rest = Uri.UnescapeDataString(path[(prefix.Length + 1)..]);
        foreach (string scheme in new[] { "http:/", "https:/" })
        {
            if (rest.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) && !rest.StartsWith(scheme + "/", StringComparison.OrdinalIgnoreCase))
            {
                return scheme + "/" + rest[scheme.Length..];
            }
        }

        return rest;
    }
}
