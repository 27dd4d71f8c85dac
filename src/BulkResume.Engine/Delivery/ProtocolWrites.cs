using System.Text;
using BulkResume.Engine.Model;
using BulkResume.Engine.Storage;

namespace BulkResume.Engine.Delivery;

/// <summary>
/// The store changes of the workflow protocol, each one transaction: accepting the SDK's messages (a run created, a step
/// appended, its delivery enqueued), finishing a run, and recording a delivery's answer (done, retried, or dead-lettered
/// with its failure call enqueued), so a process that stops between two of them leaves nothing half done.
/// </summary>
internal sealed class ProtocolWrites(IDlqStore store, DlqEngineOptions options)
{
    /// <summary>The retries of a run whose init message gave none, as the service's.</summary>
    public const int DefaultRetries = 3;

    private TaskCompletionSource _added = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a delivery is enqueued in this process after the call.</summary>
    public Task WhenAdded => Volatile.Read(ref _added).Task;

    /// <summary>Wakes the delivery worker: deliveries were enqueued.</summary>
    public void NotifyAdded() => Interlocked.Exchange(ref _added, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>
    /// Accepts published messages in order, all or none: an init message creates its run (or, when the run exists, is
    /// answered <c>deduplicated</c>), a step message appends to its run's history; each enqueues its delivery.
    /// </summary>
    /// <exception cref="DlqEngineException">A step message names a run that is unknown, not delivered or not running; nothing was accepted.</exception>
    public async ValueTask<IReadOnlyList<AcceptedMessageBody>> AcceptAsync(IReadOnlyList<PublishedMessage> messages, CancellationToken cancellationToken)
    {
        DateTimeOffset now = options.TimeProvider.GetUtcNow();
        IReadOnlyList<AcceptedMessageBody> accepted = await store.WriteAsync(
            async transaction =>
            {
                IReadOnlyDictionary<string, RunRecord> stored = await transaction.GetRunsAsync(
                    messages.Select(message => message.WorkflowRunId).Distinct(StringComparer.Ordinal).ToArray()).ConfigureAwait(false);
                var runs = new Dictionary<string, RunRecord>(stored, StringComparer.Ordinal);
                var changed = new Dictionary<string, RunRecord>(StringComparer.Ordinal);
                var deliveries = new List<DeliveryRecord>();
                var answers = new List<AcceptedMessageBody>();
                foreach (PublishedMessage message in messages)
                {
                    string id = message.WorkflowRunId;
                    if (message.IsInit && runs.TryGetValue(id, out RunRecord? existing))
                    {
                        answers.Add(new AcceptedMessageBody { MessageId = existing.Delivered?.History[0].MessageId ?? MessageIds.New(), Deduplicated = true });
                        continue;
                    }

                    RunRecord run = message.IsInit ? NewRun(message, now) : Append(runs.GetValueOrDefault(id), message, now);
                    runs[id] = changed[id] = run;
                    deliveries.Add(DeliveryPlan.Step(run, run.Delivered!.History.Count, message.DueAt(now), message.ForwardHeaders));
                    answers.Add(new AcceptedMessageBody { MessageId = run.Delivered.History[^1].MessageId });
                }

                if (changed.Count > 0)
                {
                    await transaction.SaveRunsAsync(changed.Values.ToArray()).ConfigureAwait(false);
                    await transaction.AddDeliveriesAsync(deliveries).ConfigureAwait(false);
                }

                return (IReadOnlyList<AcceptedMessageBody>)answers;
            },
            cancellationToken).ConfigureAwait(false);
        NotifyAdded();
        return accepted;
    }

    /// <summary>
    /// Ends a delivered run as the SDK's finishing call asks: succeeded with <paramref name="response"/> as its result;
    /// its queued deliveries are dropped.
    /// </summary>
    /// <remarks>A run that already succeeded is left as it is (the call was repeated).</remarks>
    /// <exception cref="DlqEngineException">The run is unknown (404), was not delivered, or ended otherwise (400); nothing was changed.</exception>
    public ValueTask<RunRecord> SucceedAsync(string workflowRunId, string? response, CancellationToken cancellationToken) =>
        store.WriteAsync(
            async transaction =>
            {
                IReadOnlyDictionary<string, RunRecord> runs = await transaction.GetRunsAsync([workflowRunId]).ConfigureAwait(false);
                RunRecord run = runs.GetValueOrDefault(workflowRunId)
                    ?? throw new DlqEngineException(DlqErrorKind.NotFound, $"Workflow run {workflowRunId} was not found", "workflowRunId");
                if (run.Delivered is null)
                {
                    throw DlqEngineException.BadRequest(
                        "cancel",
                        $"cancel=false finishes a run delivered through the workflow protocol; run {workflowRunId} was not. Send cancel=true, or no cancel, to cancel it. Nothing was changed.");
                }

                if (run.State == RunState.Success)
                {
                    return run;
                }

                if (run.State != RunState.Started)
                {
                    throw DlqEngineException.BadRequest(
                        "workflowRunId",
                        $"Workflow run {workflowRunId} is {Http.WireNames.Of(run.State)}; only a run in progress ({Http.WireNames.Of(RunState.Started)}) can finish. Nothing was changed.");
                }

                RunRecord finished = run with { State = RunState.Success, CompletedAt = options.TimeProvider.GetUtcNow(), Response = response };
                await transaction.SaveRunsAsync([finished]).ConfigureAwait(false);
                await transaction.RemoveRunDeliveriesAsync(workflowRunId).ConfigureAwait(false);
                return finished;
            },
            cancellationToken);

    /// <summary>
    /// Records the answer to one attempt of <paramref name="delivery"/>: a 2xx removes it; a failure with retries left
    /// enqueues the same body again after the retry delay; the last failure (or a 489) removes it and, for a step of a run
    /// still running, dead-letters the run with its history and enqueues its failure call; a failure call's last answer is
    /// kept on its DLQ entry.
    /// </summary>
    /// <remarks>A delivery no longer stored (its run ended meanwhile) changes nothing.</remarks>
    public async ValueTask RecordAsync(DeliveryRecord delivery, DeliveryMessage message, DeliveryAnswer answer, CancellationToken cancellationToken)
    {
        DateTimeOffset now = options.TimeProvider.GetUtcNow();
        bool enqueued = await store.WriteAsync(
            async transaction =>
            {
                if (!answer.Succeeded && !answer.NonRetryable && message.Retried < message.MaxRetries)
                {
                    DeliveryMessage retry = message with { Retried = message.Retried + 1 };
                    DateTimeOffset next = now + RetryDelay(message, answer, now);
                    if (await transaction.ReplaceDeliveryAsync(new DeliveryRecord(delivery.MessageId, delivery.WorkflowRunId, next, delivery.FlowControlKey, retry.ToJson())).ConfigureAwait(false)
                        && message.Kind == DeliveryMessage.StepKind)
                    {
                        await ShowRetryAsync(transaction, delivery.WorkflowRunId, message, answer, next, now).ConfigureAwait(false);
                    }

                    return false;
                }

                if (await transaction.RemoveDeliveriesAsync([delivery.MessageId]).ConfigureAwait(false) == 0)
                {
                    return false;
                }

                if (message.Kind == DeliveryMessage.FailureCallKind)
                {
                    await SettleFailureCallAsync(transaction, message.DlqId!, answer).ConfigureAwait(false);
                    return false;
                }

                return !answer.Succeeded && await DeadLetterAsync(transaction, delivery, message, answer, now).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
        if (enqueued)
        {
            NotifyAdded();
        }
    }

    /// <summary>
    /// The wait before the next attempt: the answer's <c>Retry-After</c>; else the run's retry-delay expression of the
    /// retries so far; else the service's backoff, <c>min(86400, e^(2.5·n))</c> seconds for the n-th retry.
    /// </summary>
    internal static TimeSpan RetryDelay(DeliveryMessage message, DeliveryAnswer answer, DateTimeOffset now)
    {
        if (answer.RetryAfter(now) is { } asked)
        {
            return asked;
        }

        if (message.RetryDelay is { } text && Resume.RetryDelayExpression.TryParse(text, out _) is { } expression)
        {
            return expression.DelayAfter(message.Retried);
        }

        return TimeSpan.FromSeconds(Math.Min(86400, Math.Exp(2.5 * (message.Retried + 1))));
    }

    /// <summary>The step a run's logs show as failing: named by the SDK's <c>Upstash-Error-Step-Name</c> when it said, its output the answer.</summary>
    private static StepRecord FailingStep(RunRecord run, DeliveryMessage message, DeliveryAnswer answer, StepState state, DateTimeOffset now, DateTimeOffset? next) => new()
    {
        StepId = Done(run.Steps).Select(step => step.StepId).DefaultIfEmpty(0).Max() + 1,
        StepName = answer.ErrorStepName ?? "unknown",
        StepType = StepType.Run,
        Out = Text(answer.Body),
        State = state,
        CreatedAt = now,
        Retries = message.MaxRetries,
        CallType = "step",
        Details = next is { } at ? new StepDetails { NextDeliveryTime = at } : null,
    };

    /// <summary>The steps that ran, without the step the logs show as being retried (which the next answer replaces).</summary>
    private static IEnumerable<StepRecord> Done(IReadOnlyList<StepRecord> steps) => steps.Where(step => step.State != StepState.Retry);

    /// <summary>Shows in a running run's logs the step being retried and when it is delivered next (the <c>next</c> group).</summary>
    private static async ValueTask ShowRetryAsync(IDlqTransaction transaction, string workflowRunId, DeliveryMessage message, DeliveryAnswer answer, DateTimeOffset next, DateTimeOffset now)
    {
        IReadOnlyDictionary<string, RunRecord> runs = await transaction.GetRunsAsync([workflowRunId]).ConfigureAwait(false);
        if (runs.GetValueOrDefault(workflowRunId) is { State: RunState.Started, Delivered: not null } run)
        {
            await transaction.SaveRunsAsync([run with { Steps = [.. Done(run.Steps), FailingStep(run, message, answer, StepState.Retry, now, next)] }]).ConfigureAwait(false);
        }
    }

    /// <summary>The run an init message creates: its settings, its history of the initial payload alone, and the initial step in its logs.</summary>
    private static RunRecord NewRun(PublishedMessage message, DateTimeOffset now)
    {
        ResumeOverrides settings = message.Settings;
        string initId = MessageIds.New();
        return new RunRecord
        {
            WorkflowRunId = message.WorkflowRunId,
            WorkflowUrl = message.Destination,
            State = RunState.Started,
            CreatedAt = now,
            Configuration = WorkflowRunConfiguration.Of(
                settings.FlowControlKey, settings.Parallelism, settings.Rate, settings.Period, settings.Retries ?? DefaultRetries, settings.RetryDelay, settings.Delay),
            Labels = settings.Labels ?? [],
            FailureFunction = new RunFailureFunction { Url = settings.FailureCallback ?? message.Destination },
            Origin = WorkflowRunOrigin.Triggered,
            Steps =
            [
                new StepRecord
                {
                    StepId = 0,
                    StepName = "init",
                    StepType = StepType.Initial,
                    Out = Text(message.Body),
                    State = StepState.Success,
                    CreatedAt = now,
                    MessageId = initId,
                    CallType = "step",
                },
            ],
            Delivered = new DeliveredRun
            {
                History = [new RawStep(initId, Convert.ToBase64String(message.Body), "step")],
                ForwardHeaders = message.ForwardHeaders,
                FailureCallbackHeaders = message.FailureCallbackHeaders,
                ContentType = message.ContentType,
            },
        };
    }

    /// <summary>The run with a step message appended to its history (and its step to its logs).</summary>
    private static RunRecord Append(RunRecord? run, PublishedMessage message, DateTimeOffset now)
    {
        if (run is not { Delivered: { } delivered, State: RunState.Started })
        {
            string why = run is null ? "is unknown" : run.Delivered is null ? "was not started through the workflow protocol" : $"is {Http.WireNames.Of(run.State)}";
            throw DlqEngineException.BadRequest(
                "upstash-workflow-runid",
                $"Workflow run {message.WorkflowRunId} {why}; steps are accepted for runs in progress only. Nothing was accepted.");
        }

        string messageId = MessageIds.New();
        IReadOnlyList<StepRecord> steps = message.Step is { } step
            ? [.. Done(run.Steps), step with { CreatedAt = now, MessageId = messageId, Retries = run.Configuration.Retries }]
            : [.. Done(run.Steps)];
        return run with
        {
            Steps = steps,
            Delivered = delivered with { History = [.. delivered.History, new RawStep(messageId, Convert.ToBase64String(message.Body), "step")] },
        };
    }

    /// <summary>Dead-letters the run of a step that failed for good, and enqueues its failure call; <see langword="false"/> when the run is not running any more.</summary>
    private async ValueTask<bool> DeadLetterAsync(IDlqTransaction transaction, DeliveryRecord delivery, DeliveryMessage message, DeliveryAnswer answer, DateTimeOffset now)
    {
        IReadOnlyDictionary<string, RunRecord> runs = await transaction.GetRunsAsync([delivery.WorkflowRunId]).ConfigureAwait(false);
        if (runs.GetValueOrDefault(delivery.WorkflowRunId) is not { State: RunState.Started, Delivered: { } delivered } run)
        {
            return false;
        }

        DlqEntry entry = DeadLetterEntry(run, delivered, delivery, message, answer, now);
        AddedEntries.Check([entry]);
        await transaction.AddEntriesAsync([entry]).ConfigureAwait(false);
        await transaction.SaveRunsAsync([DeadLetteredRun.Of(entry, run)]).ConfigureAwait(false);
        await transaction.RemoveRunDeliveriesAsync(run.WorkflowRunId).ConfigureAwait(false);
        if (DeliveryPlan.FailureCall(entry, message.Retried, now) is { } failureCall)
        {
            await transaction.AddDeliveriesAsync([failureCall]).ConfigureAwait(false);
            return true;
        }

        return false;
    }

    /// <summary>The DLQ entry of a run whose step failed for good: the failed delivery, the last answer, the history and the failed step.</summary>
    private DlqEntry DeadLetterEntry(RunRecord run, DeliveredRun delivered, DeliveryRecord delivery, DeliveryMessage message, DeliveryAnswer answer, DateTimeOffset now)
    {
        string? text = Text(answer.Body);
        WorkflowRunConfiguration configuration = run.Configuration;
        string? callback = run.FailureFunction?.Url;
        return new DlqEntry
        {
            DlqId = options.IdGenerator.NewDlqId(now),
            MessageId = delivery.MessageId,
            WorkflowRunId = run.WorkflowRunId,
            WorkflowUrl = run.WorkflowUrl,
            WorkflowCreatedAt = run.CreatedAt,
            CreatedAt = now,
            Url = message.Url,
            Method = message.Method,
            Header = DeliveryPlan.Multi(message.Headers),
            Body = message.Body,
            MaxRetries = message.MaxRetries,
            CallerIp = run.CallerIp,
            Labels = run.Labels,
            FlowControlKey = configuration.FlowControlKey,
            Parallelism = configuration.Parallelism,
            Rate = configuration.Rate,
            Period = configuration.Period,
            ResponseStatus = answer.Status,
            ResponseHeader = answer.Headers,
            ResponseBody = text,
            ResponseBodyBase64 = text is null ? Convert.ToBase64String(answer.Body) : null,
            FailureCallback = callback,
            FailureCallbackInfo = callback is null ? null : new FailureCallbackRecord { State = CallbackState.InProgress },
            FailureCallbackHeader = callback is null ? EmptyCollections.Headers : DeliveryPlan.Multi(DeliveryPlan.FailureCallHeaders(run, delivered)),
            RetryDelay = configuration.RetryDelay,
            Steps = [.. Done(run.Steps), FailingStep(run, message, answer, StepState.Failed, now, next: null)],
            Delivered = delivered,
        };
    }

    /// <summary>Keeps a failure call's last answer on its DLQ entry, unless the entry left the DLQ or its callback was canceled meanwhile.</summary>
    private static async ValueTask SettleFailureCallAsync(IDlqTransaction transaction, string dlqId, DeliveryAnswer answer)
    {
        if (await transaction.LockEntriesAsync([dlqId]).ConfigureAwait(false) is not [DlqEntry entry] || entry.FailureCallbackInfo?.State != CallbackState.InProgress)
        {
            return;
        }

        DlqEntry settled = entry with
        {
            FailureCallbackInfo = new FailureCallbackRecord
            {
                State = answer.Succeeded ? CallbackState.Success : CallbackState.Fail,
                ResponseStatus = answer.Status,
                ResponseBody = Text(answer.Body) ?? Convert.ToBase64String(answer.Body),
                ResponseHeaders = answer.Headers,
            },
        };
        IReadOnlyDictionary<string, RunRecord> runs = await transaction.GetRunsAsync([entry.WorkflowRunId]).ConfigureAwait(false);
        await transaction.ReplaceEntryAsync(settled).ConfigureAwait(false);
        await transaction.SaveRunsAsync([DeadLetteredRun.Of(settled, runs.GetValueOrDefault(entry.WorkflowRunId))]).ConfigureAwait(false);
    }

    /// <summary>A body as text when it is UTF-8 without a NUL (which no store keeps), else <see langword="null"/>.</summary>
    private static string? Text(byte[] body)
    {
        try
        {
            string text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body);
            return text.Contains('\0', StringComparison.Ordinal) ? null : text;
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
