namespace BulkResume;

/// <summary>What happened to a failed run's failure callback (<see cref="DlqMessage.FailureCallbackInfo"/>).</summary>
public sealed class FailureCallbackInfo
{
    internal FailureCallbackInfo(FailureCallbackState? state, int? responseStatus, string? responseBody, IReadOnlyDictionary<string, IReadOnlyList<string>> responseHeaders)
    {
        State = state;
        ResponseStatus = responseStatus;
        ResponseBody = responseBody;
        ResponseHeaders = responseHeaders;
    }

    /// <summary>The callback's state; a state this SDK does not know included; null when the service did not say.</summary>
    public FailureCallbackState? State { get; }

    /// <summary>The HTTP status the failure callback answered, if it answered.</summary>
    public int? ResponseStatus { get; }

    /// <summary>The body the failure callback answered, if any.</summary>
    public string? ResponseBody { get; }

    /// <summary>The headers the failure callback answered (names compared case-insensitively); empty when none.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ResponseHeaders { get; }
}
