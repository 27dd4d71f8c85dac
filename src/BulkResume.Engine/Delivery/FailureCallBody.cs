namespace BulkResume.Engine.Delivery;

/// <summary>
/// The body of a failure call (notes §4): the failing answer, the failed delivery, and the run, with <c>sourceBody</c> the
/// run's initial payload (the SDK's <c>InitialBody</c> feature).
/// </summary>
internal sealed class FailureCallBody
{
    public required int Status { get; init; }

    public required IReadOnlyDictionary<string, IReadOnlyList<string>> Header { get; init; }

    /// <summary>The failing answer's body, base64.</summary>
    public required string Body { get; init; }

    public required int Retried { get; init; }

    public required int MaxRetries { get; init; }

    public required string DlqId { get; init; }

    public required string SourceMessageId { get; init; }

    public required string Url { get; init; }

    public required string Method { get; init; }

    public required IReadOnlyDictionary<string, IReadOnlyList<string>> SourceHeader { get; init; }

    /// <summary>The run's initial payload, base64.</summary>
    public required string SourceBody { get; init; }

    public required string WorkflowRunId { get; init; }

    public required long WorkflowCreatedAt { get; init; }
}

/// <summary>One element of the answer to <c>/v2/batch</c> and <c>/v2/publish</c>: <c>{"messageId":…,"deduplicated":true}</c>.</summary>
internal sealed class AcceptedMessageBody
{
    public required string MessageId { get; init; }

    /// <summary><see langword="true"/> when an init message named a run that exists; left out otherwise.</summary>
    public bool? Deduplicated { get; init; }

    /// <summary>The message's run (the one that existed, when deduplicated), for the REST triggers' answers.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public RunRecord? Run { get; init; }
}

/// <summary>
/// The body of a <c>context.call</c>'s callback delivery (notes §3.4), the service's callback JSON: the third party's
/// answer to one attempt, base64, and the request it answered.
/// </summary>
internal sealed class CallbackBody
{
    public required int Status { get; init; }

    public required IReadOnlyDictionary<string, IReadOnlyList<string>> Header { get; init; }

    /// <summary>The third party's answer, base64.</summary>
    public required string Body { get; init; }

    public required int Retried { get; init; }

    public required int MaxRetries { get; init; }

    public required string SourceMessageId { get; init; }

    public required string Url { get; init; }

    public required string Method { get; init; }

    public required IReadOnlyDictionary<string, IReadOnlyList<string>> SourceHeader { get; init; }

    /// <summary>The call's body, base64.</summary>
    public required string SourceBody { get; init; }

    /// <summary>When the answer came (Unix milliseconds).</summary>
    public required long CreatedAt { get; init; }
}

/// <summary>A run a REST trigger started (or found): <c>{"workflowRunId","workflowCreatedAt","deduplicated"}</c>.</summary>
internal sealed class TriggeredRunBody
{
    public required string WorkflowRunId { get; init; }

    /// <summary>Unix milliseconds.</summary>
    public required long WorkflowCreatedAt { get; init; }

    public bool? Deduplicated { get; init; }
}
