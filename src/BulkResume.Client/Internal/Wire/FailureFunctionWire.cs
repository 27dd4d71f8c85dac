using System.Text.Json;

namespace BulkResume.Internal.Wire;

/// <summary>A run's <c>failureFunction</c> (a <c>FailureFunction</c>).</summary>
internal sealed class FailureFunctionWire
{
    public string? MessageId { get; set; }

    public string? Url { get; set; }

    public FailureCallbackState? State { get; set; }

    public string? DlqId { get; set; }

    public Dictionary<string, IReadOnlyList<string>>? FailHeaders { get; set; }

    public int? FailStatus { get; set; }

    public JsonElement? FailResponse { get; set; }

    public JsonElement? ResponseBody { get; set; }

    public Dictionary<string, IReadOnlyList<string>>? ResponseHeaders { get; set; }

    public int? ResponseStatus { get; set; }

    public int? MaxRetries { get; set; }

    public FailureFunctionInfo ToModel() => new()
    {
        MessageId = MessageId,
        Url = Url,
        State = State,
        DlqId = string.IsNullOrEmpty(DlqId) ? null : DlqId,
        FailHeaders = WireValues.Headers(FailHeaders),
        FailStatus = FailStatus,
        FailResponse = WireValues.Text(FailResponse),
        ResponseBody = WireValues.Text(ResponseBody),
        ResponseHeaders = WireValues.Headers(ResponseHeaders),
        ResponseStatus = ResponseStatus,
        MaxRetries = MaxRetries,
    };
}
