namespace BulkResume.Engine.Http.Wire;

/// <summary><c>failureCallbackInfo</c> on the wire: <c>{"state":"CALLBACK_FAIL","responseStatus":500,"responseBody":"...","responseHeaders":{...}}</c>.</summary>
internal sealed class FailureCallbackInfoBody
{
    public required string State { get; init; }

    public int? ResponseStatus { get; init; }

    public string? ResponseBody { get; init; }

    public IReadOnlyDictionary<string, IReadOnlyList<string>>? ResponseHeaders { get; init; }

    public static FailureCallbackInfoBody From(FailureCallbackRecord info) => new()
    {
        State = WireNames.Of(info.State),
        ResponseStatus = info.ResponseStatus,
        ResponseBody = info.ResponseBody,
        ResponseHeaders = DlqMessageBody.NullIfEmpty(info.ResponseHeaders),
    };
}
