using System.Globalization;
using System.Text;
using System.Text.Json;
using BulkResume.Engine.Storage;

namespace BulkResume.Engine.Delivery;

/// <summary>
/// The deliveries of a delivered run, built when they are enqueued: a step (the history up to the delivered message, the
/// headers of notes §2.2) and the failure call (§4).
/// </summary>
internal static class DeliveryPlan
{
    /// <summary>Headers a forwarded or stored header may never set: the transport's own, and those each attempt sets.</summary>
    private static readonly HashSet<string> NotForwarded = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Content-Length", "Connection", "Transfer-Encoding", "Keep-Alive", "Upgrade", "TE", "Trailer", "Expect",
        "Proxy-Connection", "Proxy-Authorization", "Upstash-Retried", "Upstash-Signature", "Upstash-Message-Id",
    };

    /// <summary>
    /// The delivery of the first <paramref name="count"/> elements of the run's history, the last of them being the
    /// message delivered, due at <paramref name="dueAt"/>.
    /// </summary>
    /// <param name="run">The run, with its history.</param>
    /// <param name="count">How many elements of the history the body holds (1 for the initial payload alone).</param>
    /// <param name="dueAt">When it may be sent.</param>
    /// <param name="messageForwardHeaders">The delivered message's own <c>upstash-forward-*</c> headers (prefix stripped), which win over the run's.</param>
    public static DeliveryRecord Step(RunRecord run, int count, DateTimeOffset dueAt, IReadOnlyDictionary<string, string>? messageForwardHeaders = null)
    {
        DeliveredRun delivered = run.Delivered ?? throw new InvalidOperationException($"Run {run.WorkflowRunId} is not delivered.");
        RawStep last = delivered.History[count - 1];
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        Forward(headers, delivered.ForwardHeaders);
        Forward(headers, messageForwardHeaders);
        headers.Remove("Upstash-Label");
        if (run.Labels.Count > 0)
        {
            headers["Upstash-Label"] = string.Join(',', run.Labels);
        }

        headers["Upstash-Workflow-RunId"] = run.WorkflowRunId;
        headers["Upstash-Workflow-Url"] = run.WorkflowUrl;
        headers["Upstash-Workflow-CreatedAt"] = run.CreatedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        headers["Upstash-Message-Id"] = last.MessageId;
        headers["Content-Type"] = delivered.ContentType ?? "application/json";
        return Record(run, last.MessageId, dueAt, new DeliveryMessage
        {
            Kind = DeliveryMessage.StepKind,
            Url = run.WorkflowUrl,
            Headers = headers,
            Body = RawSteps.SerializeText(delivered.History.Take(count)),
            MaxRetries = run.Configuration.Retries,
            RetryDelay = run.Configuration.RetryDelay,
            Parallelism = run.Configuration.Parallelism,
            Rate = run.Configuration.Rate,
            PeriodSeconds = run.Configuration.Period is { } period ? (long)period.TotalSeconds : null,
        });
    }

    /// <summary>The first delivery of a new run (triggered, resumed or restarted): its whole history, after the run's delay.</summary>
    public static DeliveryRecord First(RunRecord run, DateTimeOffset? notBefore = null)
    {
        DateTimeOffset due = run.CreatedAt + (run.Configuration.Delay ?? TimeSpan.Zero);
        return Step(run, run.Delivered!.History.Count, notBefore is { } at && at > due ? at : due);
    }

    /// <summary>
    /// The failure call of the delivered run dead-lettered as <paramref name="entry"/> (notes §4): to its failure callback,
    /// with the headers kept on the entry and the SDK's failure body; <see langword="null"/> when it has no callback or was
    /// not delivered.
    /// </summary>
    /// <param name="entry">The entry: the failed delivery, its last answer, the run.</param>
    /// <param name="retried">How many times the failed delivery had been retried (the body's <c>retried</c>).</param>
    /// <param name="now">When it is due.</param>
    public static DeliveryRecord? FailureCall(DlqEntry entry, int retried, DateTimeOffset now)
    {
        if (entry.FailureCallback is not { } url || entry.Delivered is not { } delivered)
        {
            return null;
        }

        var headers = entry.FailureCallbackHeader.ToDictionary(pair => pair.Key, pair => string.Join(',', pair.Value), StringComparer.OrdinalIgnoreCase);
        string messageId = MessageIds.New();
        headers["Upstash-Message-Id"] = messageId;
        var body = new FailureCallBody
        {
            Status = entry.ResponseStatus,
            Header = entry.ResponseHeader,
            Body = entry.ResponseBody is { } text ? Convert.ToBase64String(Encoding.UTF8.GetBytes(text)) : entry.ResponseBodyBase64 ?? string.Empty,
            Retried = retried,
            MaxRetries = entry.MaxRetries,
            DlqId = entry.DlqId,
            SourceMessageId = entry.MessageId,
            Url = entry.Url,
            Method = entry.Method,
            SourceHeader = entry.Header,
            SourceBody = delivered.InitialBody,
            WorkflowRunId = entry.WorkflowRunId,
            WorkflowCreatedAt = entry.WorkflowCreatedAt.ToUnixTimeMilliseconds(),
        };
        var message = new DeliveryMessage
        {
            Kind = DeliveryMessage.FailureCallKind,
            Url = url,
            Headers = headers,
            Body = JsonSerializer.Serialize(body, DeliveryJsonContext.Relaxed.FailureCallBody),
            MaxRetries = entry.MaxRetries,
            RetryDelay = entry.RetryDelay,
            DlqId = entry.DlqId,
        };
        return new DeliveryRecord(messageId, entry.WorkflowRunId, now, flowControlKey: null, message.ToJson());
    }

    /// <summary>The failure call's headers (notes §4): the stored <c>upstash-failure-callback-*</c> ones as the service forwards them.</summary>
    public static Dictionary<string, string> FailureCallHeaders(RunRecord run, DeliveredRun delivered)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach ((string name, string value) in delivered.FailureCallbackHeaders)
        {
            string? target = name.StartsWith("forward-", StringComparison.OrdinalIgnoreCase) ? name["forward-".Length..]
                : name.StartsWith("workflow-", StringComparison.OrdinalIgnoreCase) || name.Equals("feature-set", StringComparison.OrdinalIgnoreCase) ? "Upstash-" + name
                : null;
            if (target is not null && !NotForwarded.Contains(target))
            {
                headers[target] = value;
            }
        }

        headers["Upstash-Workflow-RunId"] = run.WorkflowRunId;
        headers.TryAdd("Upstash-Workflow-Url", run.WorkflowUrl);
        headers.TryAdd("Upstash-Workflow-Failure-Callback", "true");
        headers.TryAdd("Upstash-Workflow-Is-Failure", "true");
        if (run.Labels.Count > 0)
        {
            headers["Upstash-Label"] = string.Join(',', run.Labels);
        }

        headers["Content-Type"] = "application/json";
        return headers;
    }

    /// <summary>Headers as the DLQ and the failure body keep them: each name with its values.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Multi(IReadOnlyDictionary<string, string> headers) =>
        headers.ToDictionary(pair => pair.Key, pair => (IReadOnlyList<string>)[pair.Value], StringComparer.OrdinalIgnoreCase);

    private static void Forward(Dictionary<string, string> headers, IReadOnlyDictionary<string, string>? forwarded)
    {
        foreach ((string name, string value) in forwarded ?? EmptyHeaders)
        {
            if (!NotForwarded.Contains(name))
            {
                headers[name] = value;
            }
        }
    }

    private static readonly IReadOnlyDictionary<string, string> EmptyHeaders = new Dictionary<string, string>();

    private static DeliveryRecord Record(RunRecord run, string messageId, DateTimeOffset dueAt, DeliveryMessage message) =>
        new(messageId, run.WorkflowRunId, dueAt, run.Configuration.FlowControlKey, message.ToJson());
}
