using System.Text.Json.Serialization;

namespace BulkResume.Engine.Http.Wire;

/// <summary>A DLQ entry on the wire (<c>DlqMessage</c>): times in Unix ms, <c>period</c> in seconds, nulls and empty collections omitted.</summary>
internal sealed class DlqMessageBody
{
    public required string DlqId { get; init; }

    public required string MessageId { get; init; }

    public required string WorkflowRunId { get; init; }

    public required string WorkflowUrl { get; init; }

    public required long WorkflowCreatedAt { get; init; }

    public required long CreatedAt { get; init; }

    public long? NotBefore { get; init; }

    public required string Url { get; init; }

    public required string Method { get; init; }

    public IReadOnlyDictionary<string, IReadOnlyList<string>>? Header { get; init; }

    public string? Body { get; init; }

    public string? BodyBase64 { get; init; }

    public required int MaxRetries { get; init; }

    [JsonPropertyName("callerIP")]
    public string? CallerIp { get; init; }

    /// <summary>The first label, for callers that know only one.</summary>
    public string? Label { get; init; }

    public IReadOnlyList<string>? Labels { get; init; }

    public string? FlowControlKey { get; init; }

    public int? Parallelism { get; init; }

    public int? Rate { get; init; }

    /// <summary>Seconds (fractional below one second).</summary>
    public double? Period { get; init; }

    public required int ResponseStatus { get; init; }

    public IReadOnlyDictionary<string, IReadOnlyList<string>>? ResponseHeader { get; init; }

    public string? ResponseBody { get; init; }

    public string? ResponseBodyBase64 { get; init; }

    public string? FailureCallback { get; init; }

    /// <summary>The callback's state, as the current reference names it.</summary>
    public string? FailureFunctionState { get; init; }

    /// <summary>The callback's state and answer, as the older reference has it.</summary>
    public FailureCallbackInfoBody? FailureCallbackInfo { get; init; }

    public IReadOnlyDictionary<string, IReadOnlyList<string>>? FailureCallbackHeader { get; init; }

    public static DlqMessageBody From(DlqEntry entry) => new()
    {
        DlqId = entry.DlqId,
        MessageId = entry.MessageId,
        WorkflowRunId = entry.WorkflowRunId,
        WorkflowUrl = entry.WorkflowUrl,
        WorkflowCreatedAt = entry.WorkflowCreatedAt.ToUnixTimeMilliseconds(),
        CreatedAt = entry.CreatedAt.ToUnixTimeMilliseconds(),
        NotBefore = entry.NotBefore?.ToUnixTimeMilliseconds(),
        Url = entry.Url,
        Method = entry.Method,
        Header = NullIfEmpty(entry.Header),
        Body = entry.Body,
        BodyBase64 = entry.BodyBase64,
        MaxRetries = entry.MaxRetries,
        CallerIp = entry.CallerIp,
        Label = entry.Labels.Count > 0 ? entry.Labels[0] : null,
        Labels = entry.Labels.Count > 0 ? entry.Labels : null,
        FlowControlKey = entry.FlowControlKey,
        Parallelism = entry.Parallelism,
        Rate = entry.Rate,
        Period = entry.Period?.TotalSeconds,
        ResponseStatus = entry.ResponseStatus,
        ResponseHeader = NullIfEmpty(entry.ResponseHeader),
        ResponseBody = entry.ResponseBody,
        ResponseBodyBase64 = entry.ResponseBodyBase64,
        FailureCallback = entry.FailureCallback,
        FailureFunctionState = entry.FailureCallbackInfo is { } state ? WireNames.Of(state.State) : null,
        FailureCallbackInfo = entry.FailureCallbackInfo is { } info ? FailureCallbackInfoBody.From(info) : null,
        FailureCallbackHeader = NullIfEmpty(entry.FailureCallbackHeader),
    };

    internal static IReadOnlyDictionary<string, IReadOnlyList<string>>? NullIfEmpty(IReadOnlyDictionary<string, IReadOnlyList<string>> headers) =>
        headers.Count > 0 ? headers : null;
}
