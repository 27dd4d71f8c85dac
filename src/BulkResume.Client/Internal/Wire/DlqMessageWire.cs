using System.Text.Json.Serialization;

namespace BulkResume.Internal.Wire;

/// <summary>A <c>DlqMessage</c> as the service sends it (times in Unix ms, period in seconds).</summary>
internal sealed class DlqMessageWire
{
    public string? DlqId { get; set; }

    public string? MessageId { get; set; }

    public string? WorkflowRunId { get; set; }

    public string? WorkflowUrl { get; set; }

    public long WorkflowCreatedAt { get; set; }

    public long CreatedAt { get; set; }

    public long? NotBefore { get; set; }

    public string? Url { get; set; }

    public string? Method { get; set; }

    public Dictionary<string, IReadOnlyList<string>>? Header { get; set; }

    public string? Body { get; set; }

    public string? BodyBase64 { get; set; }

    public int? MaxRetries { get; set; }

    [JsonPropertyName("callerIP")]
    public string? CallerIp { get; set; }

    public string? Label { get; set; }

    public List<string>? Labels { get; set; }

    public string? FlowControlKey { get; set; }

    public int? Parallelism { get; set; }

    public int? Rate { get; set; }

    public double? Period { get; set; }

    public int? ResponseStatus { get; set; }

    public Dictionary<string, IReadOnlyList<string>>? ResponseHeader { get; set; }

    public string? ResponseBody { get; set; }

    public string? ResponseBodyBase64 { get; set; }

    public string? FailureCallback { get; set; }

    public FailureCallbackInfoWire? FailureCallbackInfo { get; set; }

    /// <summary>The callback's state in the current reference; <see cref="FailureCallbackInfo"/> carries it in the older one.</summary>
    public FailureCallbackState? FailureFunctionState { get; set; }

    public DlqMessage ToModel() => new(
        DlqId ?? string.Empty,
        MessageId ?? string.Empty,
        WorkflowRunId ?? string.Empty,
        WorkflowUrl ?? string.Empty,
        WireValues.Time(WorkflowCreatedAt),
        WireValues.Time(CreatedAt),
        WireValues.OptionalTime(NotBefore),
        Url ?? string.Empty,
        Method ?? string.Empty,
        WireValues.Headers(Header),
        Body,
        BodyBase64,
        MaxRetries,
        CallerIp,
        WireValues.Labels(Label, Labels),
        FlowControlKey,
        Parallelism,
        Rate,
        Period is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
        ResponseStatus,
        WireValues.Headers(ResponseHeader),
        ResponseBody,
        ResponseBodyBase64,
        FailureCallback,
        FailureCallbackInfo?.ToModel(),
        FailureFunctionState ?? FailureCallbackInfo?.State);
}
