namespace BulkResume.Internal.Wire;

/// <summary>A DLQ message's <c>failureCallbackInfo</c>.</summary>
internal sealed class FailureCallbackInfoWire
{
    public FailureCallbackState? State { get; set; }

    public int? ResponseStatus { get; set; }

    public string? ResponseBody { get; set; }

    public Dictionary<string, IReadOnlyList<string>>? ResponseHeaders { get; set; }

    public FailureCallbackInfo ToModel() =>
        new(State, ResponseStatus, ResponseBody, WireValues.Headers(ResponseHeaders));
}
