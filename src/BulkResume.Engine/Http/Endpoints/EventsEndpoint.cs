using BulkResume.Engine.Delivery;
using BulkResume.Engine.Http.Parsing;
using BulkResume.Engine.Http.Routing;
using BulkResume.Engine.Http.Wire;

namespace BulkResume.Engine.Http.Endpoints;

/// <summary>
/// Events (notes §3.3): <c>POST /v2/wait/{eventId}</c> (a step waits; answered 200 with no body), <c>POST
/// /v2/notify/{eventId}</c> (answered 201 with one element per waiter notified), <c>GET /v2/waiters/{eventId}</c>; and
/// what the emulator refuses with 412 naming it: the notify of one run (<c>/v2/notify/{workflowRunId}/{eventId}</c>,
/// whose event the service keeps for a later wait) and webhooks (<c>/v2/workflows/hooks/…</c>).
/// </summary>
internal sealed class EventsEndpoint(DlqEngine engine)
{
    private static readonly string[] WebhookMethods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    public void MapTo(DlqRouteTable routes)
    {
        routes
            .Map("POST", "/v2/wait/{eventId}", AllowedParameters.None, WaitAsync)
            .Map("POST", "/v2/notify/{eventId}", AllowedParameters.None, NotifyAsync)
            .Map("POST", "/v2/notify/{workflowRunId}/{eventId}", AllowedParameters.None, (_, _, _) => Refuse(
                "Notifying the event of one workflow run (POST /v2/notify/{workflowRunId}/{eventId}, context.notify with a run id) is not supported by the BulkResume emulator: it does not keep events for a later wait. Notify the event without a run id (POST /v2/notify/{eventId})."))
            .Map("GET", "/v2/waiters/{eventId}", AllowedParameters.None, WaitersAsync);
        foreach (string method in WebhookMethods)
        {
            routes.Map(method, "/v2/workflows/hooks/{*hook}", AllowedParameters.None, (_, _, _) => Refuse(
                "Webhooks (context.createWebhook, context.waitForWebhook, /v2/workflows/hooks) are not supported by the BulkResume emulator."));
        }
    }

    private async ValueTask<DlqApiResponse> WaitAsync(DlqApiRequest request, IReadOnlyDictionary<string, string> routeValues, CancellationToken cancellationToken)
    {
        EventWaiter waiter = WaitRequest.Parse(request, EventId(routeValues), engine.Options.TimeProvider.GetUtcNow());
        await engine.Events.WaitAsync(waiter, cancellationToken).ConfigureAwait(false);
        return DlqApiResponses.Ok();
    }

    private async ValueTask<DlqApiResponse> NotifyAsync(DlqApiRequest request, IReadOnlyDictionary<string, string> routeValues, CancellationToken cancellationToken)
    {
        IReadOnlyList<NotifiedWaiterBody> notified = await engine.Events.NotifyAsync(EventId(routeValues), request.Body.ToArray(), cancellationToken).ConfigureAwait(false);
        return DlqApiResponses.Json(201, notified.ToArray(), DeliveryJsonContext.Default.NotifiedWaiterBodyArray);
    }

    private async ValueTask<DlqApiResponse> WaitersAsync(DlqApiRequest request, IReadOnlyDictionary<string, string> routeValues, CancellationToken cancellationToken)
    {
        IReadOnlyList<WaiterBody> waiters = await engine.Events.ListAsync(EventId(routeValues), cancellationToken).ConfigureAwait(false);
        return DlqApiResponses.Json(200, waiters.ToArray(), DeliveryJsonContext.Default.WaiterBodyArray);
    }

    private static ValueTask<DlqApiResponse> Refuse(string message) => ValueTask.FromResult(DlqApiResponses.Error(412, message));

    /// <summary>The event id of the path, percent-decoded; a blank one or one with a control character is refused.</summary>
    private static string EventId(IReadOnlyDictionary<string, string> routeValues)
    {
        string eventId = Uri.UnescapeDataString(routeValues["eventId"]);
        return TextChecks.KeyProblem(eventId, Storage.ValueLimits.MaxIdLength) is { } problem
            ? throw DlqEngineException.BadRequest("eventId", "The event id " + problem)
            : eventId;
    }
}
