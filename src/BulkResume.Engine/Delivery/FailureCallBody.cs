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
}
