using System.Text.Json.Serialization;
using BulkResume.Engine.Delivery;
using BulkResume.Engine.Model;

namespace BulkResume.Engine;

/// <summary>
/// A failed workflow run in the Dead Letter Queue: every field of the wire's <c>DlqMessage</c>, plus the
/// steps the run had when it was dead-lettered.
/// </summary>
public sealed record DlqEntry
{
    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> _header = EmptyCollections.Headers;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> _responseHeader = EmptyCollections.Headers;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> _failureCallbackHeader = EmptyCollections.Headers;
    private readonly IReadOnlyList<string> _labels = EmptyCollections.Strings;
    private readonly IReadOnlyList<StepRecord> _steps = EmptyCollections.Steps;

    /// <summary>The DLQ entry's id (like <c>1752829295505-0</c>).</summary>
    public required string DlqId { get; init; }

    /// <summary>The id of the message that failed.</summary>
    public required string MessageId { get; init; }

    /// <summary>The id of the failed run.</summary>
    public required string WorkflowRunId { get; init; }

    /// <summary>The workflow endpoint of the failed run.</summary>
    public required string WorkflowUrl { get; init; }

    /// <summary>When the failed run was created.</summary>
    public required DateTimeOffset WorkflowCreatedAt { get; init; }

    /// <summary>When the entry entered the DLQ, that is when the run failed.</summary>
    /// <remarks>Date filters and paging use it.</remarks>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The earliest time the message was to be delivered, if it was delayed.</summary>
    [JsonInclude]
    internal DateTimeOffset? NotBefore { get; init; }

    /// <summary>The URL the failed message was sent to.</summary>
    public required string Url { get; init; }

    /// <summary>The HTTP method of the failed message.</summary>
    public string Method { get; init; } = "POST";

    /// <summary>The headers of the failed message (empty when none).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Header
    {
        get => _header;
        init => _header = EmptyCollections.Freeze(value);
    }

    /// <summary>The body of the failed message when it is UTF-8 text (wire field <c>body</c>).</summary>
    public string? Body { get; init; }

    /// <summary>The body of the failed message, base64-encoded, when it is not UTF-8 text (wire field <c>bodyBase64</c>).</summary>
    [JsonInclude]
    internal string? BodyBase64 { get; init; }

    /// <summary>How many times the failed step was to be retried.</summary>
    public int MaxRetries { get; init; }

    /// <summary>The address the run was triggered from.</summary>
    public string? CallerIp { get; init; }

    /// <summary>The labels of the run (empty when none).</summary>
    public IReadOnlyList<string> Labels
    {
        get => _labels;
        init => _labels = EmptyCollections.Freeze(value, EmptyCollections.Strings);
    }

    /// <summary>The run's flow-control key, or <see langword="null"/> when it is not flow-controlled.</summary>
    public string? FlowControlKey { get; init; }

    /// <summary>The flow-control parallelism of the run.</summary>
    [JsonInclude]
    internal int? Parallelism { get; init; }

    /// <summary>The flow-control rate of the run.</summary>
    [JsonInclude]
    internal int? Rate { get; init; }

    /// <summary>The window of <see cref="Rate"/>.</summary>
    [JsonInclude]
    internal TimeSpan? Period { get; init; }

    /// <summary>The HTTP status the workflow endpoint last answered.</summary>
    [JsonInclude]
    internal int ResponseStatus { get; init; }

    /// <summary>The headers the workflow endpoint last answered (empty when none).</summary>
    [JsonInclude]
    internal IReadOnlyDictionary<string, IReadOnlyList<string>> ResponseHeader
    {
        get => _responseHeader;
        init => _responseHeader = EmptyCollections.Freeze(value);
    }

    /// <summary>The body the workflow endpoint last answered when it is UTF-8 text (wire field <c>responseBody</c>).</summary>
    [JsonInclude]
    internal string? ResponseBody { get; init; }

    /// <summary>The body the workflow endpoint last answered, base64-encoded, when it is not UTF-8 text (wire field <c>responseBodyBase64</c>).</summary>
    [JsonInclude]
    internal string? ResponseBodyBase64 { get; init; }

    /// <summary>The failure callback URL of the run, if it has one.</summary>
    public string? FailureCallback { get; init; }

    /// <summary>The state of the failure callback, if the run has one.</summary>
    [JsonIgnore]
    public CallbackState? FailureCallbackState => FailureCallbackInfo?.State;

    /// <summary>What happened to the failure callback, if the run has one.</summary>
    [JsonInclude]
    internal FailureCallbackRecord? FailureCallbackInfo { get; init; }

    /// <summary>The headers the failure callback is sent with (wire <c>failureCallbackHeader</c>; empty when none).</summary>
    [JsonInclude]
    internal IReadOnlyDictionary<string, IReadOnlyList<string>> FailureCallbackHeader
    {
        get => _failureCallbackHeader;
        init => _failureCallbackHeader = EmptyCollections.Freeze(value);
    }

    /// <summary>
    /// The retry-delay expression the failed run was configured with (<c>Upstash-Retry-Delay</c>), so that a resume
    /// without a new one keeps it; not a field of the wire's message.
    /// </summary>
    [JsonInclude]
    internal string? RetryDelay { get; init; }

    /// <summary>The steps of the failed run at the time it was dead-lettered, in order.</summary>
    [JsonInclude]
    internal IReadOnlyList<StepRecord> Steps
    {
        get => _steps;
        init => _steps = EmptyCollections.Freeze(value, EmptyCollections.Steps);
    }

    /// <summary>
    /// The failed run's history and headers when it was delivered through the workflow protocol, so that a resume or
    /// restart delivers the new run; <see langword="null"/> for an entry that was seeded or made in process.
    /// </summary>
    [JsonInclude]
    internal DeliveredRun? Delivered { get; init; }
}
