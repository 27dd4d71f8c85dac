using BulkResume.Engine.Delivery;
using BulkResume.Engine.Http.Parsing;
using BulkResume.Engine.Http.Routing;
using BulkResume.Engine.Http.Wire;

namespace BulkResume.Engine.Http.Endpoints;

/// <summary>
/// The documented REST triggers: <c>POST /v2/trigger/{workflowUrl}</c> (the payload as the body, the settings as headers;
/// answers 200 <c>{"workflowRunId","workflowCreatedAt"}</c>) and <c>POST /v2/batch/trigger</c> (an array of
/// <c>{"destination","headers","body"}</c>; answers 201 with one <c>{"workflowRunId","workflowCreatedAt","deduplicated"}</c>
/// per run, in order).
/// </summary>
/// <remarks>
/// A run id that exists starts nothing and is answered <c>deduplicated</c>.
/// The run is created as an SDK's init message creates it, with protocol version 1 forwarded to its deliveries: a
/// 1.3.3 endpoint runs its first delivery at once, without the unknown-SDK hop the service makes (notes §2.7).
/// </remarks>
internal sealed class TriggerEndpoint(DlqEngine engine)
{
    public const string TriggerPath = "/v2/trigger";
    public const string BatchTriggerPath = "/v2/batch/trigger";

    public void MapTo(DlqRouteTable routes) => routes
        .Map("POST", TriggerPath + "/{*workflowUrl}", AllowedParameters.None, TriggerAsync)
        .Map("POST", BatchTriggerPath, AllowedParameters.None, BatchTriggerAsync);

    private async ValueTask<DlqApiResponse> TriggerAsync(DlqApiRequest request, IReadOnlyDictionary<string, string> routeValues, CancellationToken cancellationToken)
    {
        PublishedMessage message = PublishedMessages.ParseTrigger(request, WorkflowProtocolEndpoint.Destination(request.Path, TriggerPath));
        AcceptedMessageBody accepted = (await AcceptAsync([message], cancellationToken).ConfigureAwait(false))[0];
        return DlqApiResponses.Json(200, Triggered(accepted, single: true), DeliveryJsonContext.Default.TriggeredRunBody);
    }

    private async ValueTask<DlqApiResponse> BatchTriggerAsync(DlqApiRequest request, IReadOnlyDictionary<string, string> routeValues, CancellationToken cancellationToken)
    {
        IReadOnlyList<AcceptedMessageBody> accepted = await AcceptAsync(PublishedMessages.ParseBatch(request.Body, trigger: true), cancellationToken).ConfigureAwait(false);
        return DlqApiResponses.Json(201, accepted.Select(item => Triggered(item, single: false)).ToArray(), DeliveryJsonContext.Default.TriggeredRunBodyArray);
    }

    private ValueTask<IReadOnlyList<AcceptedMessageBody>> AcceptAsync(IReadOnlyList<PublishedMessage> messages, CancellationToken cancellationToken) =>
        engine.Protocol.AcceptAsync(messages, cancellationToken);

    /// <summary>A started run as the answer names it; the single trigger says <c>deduplicated</c> only when it is.</summary>
    private static TriggeredRunBody Triggered(AcceptedMessageBody accepted, bool single) => new()
    {
        WorkflowRunId = accepted.Run!.WorkflowRunId,
        WorkflowCreatedAt = accepted.Run.CreatedAt.ToUnixTimeMilliseconds(),
        Deduplicated = accepted.Deduplicated == true ? true : single ? null : false,
    };
}
