using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BulkResume.Engine.Model;
using BulkResume.Engine.Storage;

namespace BulkResume.Engine.Delivery;

/// <summary>
/// <c>context.waitForEvent</c> and <c>notify</c> (notes §3.3), each change one store transaction: a wait keeps its
/// <see cref="EventWaiter"/> as a delivery due at its deadline; a notify, or the deadline, takes it, appends the wait
/// step with the event (or <c>waitTimeout: true</c>) to the run's history and enqueues that step's delivery.
/// </summary>
internal sealed class EventWaits(IDlqStore store, DlqEngineOptions options, ProtocolWrites protocol)
{
    /// <summary>Keeps <paramref name="waiter"/> until its deadline.</summary>
    /// <exception cref="DlqEngineException">The run is unknown, was not delivered, or is not running (400); nothing was kept.</exception>
    public async ValueTask WaitAsync(EventWaiter waiter, CancellationToken cancellationToken)
    {
        await store.WriteAsync(
            async transaction =>
            {
                IReadOnlyDictionary<string, RunRecord> runs = await transaction.GetRunsAsync([waiter.WorkflowRunId]).ConfigureAwait(false);
                if (runs.GetValueOrDefault(waiter.WorkflowRunId) is not { State: RunState.Started, Delivered: not null })
                {
                    throw DlqEngineException.BadRequest(
                        "upstash-workflow-runid",
                        $"Workflow run {waiter.WorkflowRunId} is not in progress (unknown, ended, or not started through the workflow protocol); only a running run can wait for an event. Nothing was kept.");
                }

                long createdAt = runs[waiter.WorkflowRunId].CreatedAt.ToUnixTimeMilliseconds();
                await transaction.AddDeliveriesAsync([Record(waiter with { WorkflowCreatedAt = createdAt })]).ConfigureAwait(false);
                return true;
            },
            cancellationToken).ConfigureAwait(false);
        protocol.NotifyAdded();
    }

    /// <summary>
    /// Delivers <paramref name="data"/> to every step waiting for <paramref name="eventId"/> whose run is still running,
    /// and answers one element per waiter notified; an event nobody waits for is not kept.
    /// </summary>
    public async ValueTask<IReadOnlyList<NotifiedWaiterBody>> NotifyAsync(string eventId, byte[] data, CancellationToken cancellationToken)
    {
        IReadOnlyList<DeliveryRecord> waiting = await store.GetDeliveriesAsync(EventWaiter.Key(eventId), cancellationToken).ConfigureAwait(false);
        if (waiting.Count == 0)
        {
            return [];
        }

        DateTimeOffset now = options.TimeProvider.GetUtcNow();
        IReadOnlyList<NotifiedWaiterBody> notified = await store.WriteAsync(
            async transaction =>
            {
                var answers = new List<NotifiedWaiterBody>();
                foreach (DeliveryRecord record in waiting)
                {
                    EventWaiter waiter = DeliveryMessage.FromJson(record.Definition).Waiter!;
                    if (await TakeAsync(transaction, record, waiter, data, now).ConfigureAwait(false) is { } messageId)
                    {
                        answers.Add(new NotifiedWaiterBody
                        {
                            Waiter = waiter.Waiter,
                            MessageId = messageId,
                            WorkflowRunId = waiter.WorkflowRunId,
                            WorkflowCreatedAt = waiter.WorkflowCreatedAt,
                        });
                    }
                }

                return (IReadOnlyList<NotifiedWaiterBody>)answers;
            },
            cancellationToken).ConfigureAwait(false);
        protocol.NotifyAdded();
        return notified;
    }

    /// <summary>The steps waiting for <paramref name="eventId"/> whose runs are still running.</summary>
    public async ValueTask<IReadOnlyList<WaiterBody>> ListAsync(string eventId, CancellationToken cancellationToken)
    {
        var waiters = new List<WaiterBody>();
        foreach (DeliveryRecord record in await store.GetDeliveriesAsync(EventWaiter.Key(eventId), cancellationToken).ConfigureAwait(false))
        {
            EventWaiter waiter = DeliveryMessage.FromJson(record.Definition).Waiter!;
            if (await store.GetRunAsync(waiter.WorkflowRunId, cancellationToken).ConfigureAwait(false) is { State: RunState.Started })
            {
                waiters.Add(waiter.Waiter);
            }
        }

        return waiters;
    }

    /// <summary>Times out the wait of <paramref name="record"/>, come due: its step is delivered with <c>waitTimeout: true</c> and the timeout headers, unless a notify took it first.</summary>
    public async ValueTask TimeOutAsync(DeliveryRecord record, DeliveryMessage message, CancellationToken cancellationToken)
    {
        DateTimeOffset now = options.TimeProvider.GetUtcNow();
        await store.WriteAsync(
            transaction => TakeAsync(transaction, record, message.Waiter!, data: null, now),
            cancellationToken).ConfigureAwait(false);
        protocol.NotifyAdded();
    }

    /// <summary>
    /// Takes the waiter (removes its delivery; <see langword="null"/> when a notify or its timeout took it first) and, if
    /// its run is still running, appends the wait step to the run's history and enqueues its delivery; answers the id of
    /// the message that delivers it.
    /// </summary>
    private static async ValueTask<string?> TakeAsync(IDlqTransaction transaction, DeliveryRecord record, EventWaiter waiter, byte[]? data, DateTimeOffset now)
    {
        if (await transaction.RemoveDeliveriesAsync([record.MessageId]).ConfigureAwait(false) == 0)
        {
            return null;
        }

        IReadOnlyDictionary<string, RunRecord> runs = await transaction.GetRunsAsync([waiter.WorkflowRunId]).ConfigureAwait(false);
        if (runs.GetValueOrDefault(waiter.WorkflowRunId) is not { State: RunState.Started, Delivered: { } delivered } run)
        {
            return null;
        }

        (byte[] body, StepRecord step) = WaitStep(waiter, data);
        RunRecord resumed = ProtocolWrites.Appended(run, delivered, body, "step", step, now);
        IReadOnlyDictionary<string, IReadOnlyList<string>> headers = data is null ? waiter.Waiter.TimeoutHeaders : waiter.Waiter.Headers;
        await transaction.SaveRunsAsync([resumed]).ConfigureAwait(false);
        await transaction.AddDeliveriesAsync([DeliveryPlan.Step(resumed, resumed.Delivered!.History.Count, now, Forwarded(headers))]).ConfigureAwait(false);
        return resumed.Delivered.History[^1].MessageId;
    }

    /// <summary>
    /// The step appended for a notified (<paramref name="data"/> given) or timed-out wait: the SDK's wait step with
    /// <c>waitEventId</c>, <c>timeout</c>, <c>out</c> (the event data, base64; left out on a timeout) and
    /// <c>waitTimeout</c>; and the step the run's logs show.
    /// </summary>
    private static (byte[] Body, StepRecord Step) WaitStep(EventWaiter waiter, byte[]? data)
    {
        JsonObject step = JsonNode.Parse(waiter.Step)!.AsObject();
        step["waitEventId"] = waiter.EventId;
        step["timeout"] = waiter.Timeout;
        step.Remove("out");
        if (data is not null)
        {
            step["out"] = Convert.ToBase64String(data);
        }

        step["waitTimeout"] = data is null;
        byte[] body = Encoding.UTF8.GetBytes(step.ToJsonString(RelaxedNodes));
        var record = new StepRecord
        {
            StepId = step["stepId"]!.GetValue<long>(),
            StepName = step["stepName"]!.GetValue<string>(),
            StepType = StepType.Wait,
            Out = data is null ? null : Encoding.UTF8.GetString(data),
            Concurrent = step["concurrent"] is JsonValue concurrent && concurrent.TryGetValue(out int count) && count > 0 ? count : 1,
            State = StepState.Success,
            CreatedAt = default,
            CallType = "step",
        };
        return (body, record);
    }

    /// <summary>A wait's delivery: queued under its event, due at its deadline.</summary>
    internal static DeliveryRecord Record(EventWaiter waiter) => new(
        MessageIds.New(),
        EventWaiter.Key(waiter.EventId),
        DateTimeOffset.FromUnixTimeSeconds(waiter.Waiter.Deadline),
        null,
        new DeliveryMessage
        {
            Kind = DeliveryMessage.WaitKind,
            Url = waiter.Waiter.TimeoutUrl,
            Headers = new Dictionary<string, string>(),
            Body = string.Empty,
            Waiter = waiter,
        }.ToJson());

    /// <summary>The <c>upstash-forward-*</c> headers of a waiter's header map, prefix stripped, as a published message's.</summary>
    private static Dictionary<string, string> Forwarded(IReadOnlyDictionary<string, IReadOnlyList<string>> headers)
    {
        const string Prefix = "upstash-forward-";
        var forwarded = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach ((string name, IReadOnlyList<string> values) in headers)
        {
            if (name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) && name.Length > Prefix.Length && values.Count > 0)
            {
                forwarded[name[Prefix.Length..]] = string.Join(',', values);
            }
        }

        return forwarded;
    }

    private static readonly JsonSerializerOptions RelaxedNodes = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
