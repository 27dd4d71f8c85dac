using BulkResume.Internal.Diagnostics;
using BulkResume.Internal.Http;
using BulkResume.Internal.Validation;
using BulkResume.Internal.Wire;

namespace BulkResume.Internal.Operations;

/// <summary>
/// Events: notify every waiter of an event (<c>POST /v2/notify/{eventId}</c>), notify one run's
/// (<c>POST /v2/notify/{workflowRunId}/{eventId}</c>), and list the waiters (<c>GET /v2/waiters/{eventId}</c>); ids
/// percent-escaped in the path, the data as the body with its content type.
/// </summary>
/// <remarks>
/// <para>Notifying every waiter is retried after a lost answer: a waiter takes an event once, so a retry notifies none
/// twice, it only no longer lists those the lost attempt notified (<see cref="NotifyResult.MayHaveNotifiedMore"/>).</para>
/// Notifying one run is not: when no waiter is active the service keeps the event for the run's next wait, so a repeat
/// after a lost attempt that was delivered would keep a second copy for a later wait of the same event. An attempt that
/// may have been applied ends the call with an <see cref="OutcomeUnknownException"/> naming the run.
/// </remarks>
internal sealed class NotifyOperation
{
    private const string NotifyPath = "/v2/notify/";
    private const string WaitersPath = "/v2/waiters/";
    private const string ExpectedEventId = "the event id the workflow waits for (context.waitForEvent)";

    private readonly WorkflowPipeline _pipeline;
    private readonly ActionOutcome _outcome;

    public NotifyOperation(WorkflowPipeline pipeline)
    {
        _pipeline = pipeline;
        _outcome = ActionOutcome.OnRuns(pipeline);
    }

    public Task<NotifyResult> NotifyAsync(string eventId, WorkflowPayload? data, CancellationToken cancellationToken)
    {
        WireText.EnsureValue(eventId, nameof(eventId), "The event id", ExpectedEventId);
        var request = Request(Escape(eventId), NotifyPath + "{eventId}", data, retryWhenInDoubt: true);
        return SendAsync();

        async Task<NotifyResult> SendAsync()
        {
            var (answer, mayHaveDoneMore) = await _outcome.SendReportingAsync(request, chunk: null, [eventId], WorkflowJsonContext.Default.ListNotifyResponseWire, cancellationToken).ConfigureAwait(false);
            var waiters = answer.ConvertAll(waiter => waiter.ToModel());
            Log.WaitersNotified(_pipeline.Logger, request.Route, waiters.Count, waiters.Count(waiter => waiter.Error is not null));
            return new NotifyResult(waiters, mayHaveDoneMore);
        }
    }

    public Task<NotifiedWaiter> NotifyRunAsync(string workflowRunId, string eventId, WorkflowPayload? data, CancellationToken cancellationToken)
    {
        WireText.EnsureValue(workflowRunId, nameof(workflowRunId), "The run id", RunIdList.Expected);
        WireText.EnsureValue(eventId, nameof(eventId), "The event id", ExpectedEventId);
        var request = Request(Escape(workflowRunId) + "/" + Escape(eventId), NotifyPath + "{workflowRunId}/{eventId}", data, retryWhenInDoubt: false);
        return SendAsync();

        async Task<NotifiedWaiter> SendAsync()
        {
            var (answer, _) = await _outcome.SendReportingAsync(request, chunk: null, [workflowRunId], WorkflowJsonContext.Default.NotifyResponseWire, cancellationToken).ConfigureAwait(false);
            var notified = answer.ToModel();
            Log.WaitersNotified(_pipeline.Logger, request.Route, 1, notified.Error is null ? 0 : 1);
            return notified;
        }
    }

    public Task<IReadOnlyList<EventWaiter>> GetWaitersAsync(string eventId, CancellationToken cancellationToken)
    {
        WireText.EnsureValue(eventId, nameof(eventId), "The event id", ExpectedEventId);
        var request = new WorkflowRequest(HttpMethod.Get, WaitersPath + Escape(eventId)) { Route = WaitersPath + "{eventId}" };
        return SendAsync();

        async Task<IReadOnlyList<EventWaiter>> SendAsync()
        {
            var answer = await _pipeline.SendAsync(request, WorkflowJsonContext.Default.ListWaiterWire, cancellationToken).ConfigureAwait(false);
            return answer.ConvertAll(waiter => waiter.ToModel());
        }
    }

    private static WorkflowRequest Request(string pathTail, string route, WorkflowPayload? data, bool retryWhenInDoubt) =>
        new(HttpMethod.Post, NotifyPath + pathTail)
        {
            Route = route,
            Body = data?.Content,
            BodyContentType = data?.ContentType,
            RetryWhenInDoubt = retryWhenInDoubt,
        };

    private static string Escape(string id) => Uri.EscapeDataString(id);
}
