using BulkResume.Engine.Model;

namespace BulkResume.Engine;

/// <summary>
/// A run's failure callback (wire <c>failureFunction</c>): the URL it is sent to and, once the run failed, the failure
/// it reports and what the callback answered.
/// </summary>
internal sealed record RunFailureFunction
{
    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> _failHeaders = EmptyCollections.Headers;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> _responseHeaders = EmptyCollections.Headers;

    /// <summary>The callback's URL.</summary>
    public required string Url { get; init; }

    /// <summary>What happened to the callback, or <see langword="null"/> while the run has not failed (or nobody called it).</summary>
    public CallbackState? State { get; init; }

    /// <summary>The status of the failed step's answer, which the callback reports (<c>failStatus</c>).</summary>
    public int? FailStatus { get; init; }

    /// <summary>The body of the failed step's answer (<c>failResponse</c>).</summary>
    public string? FailResponse { get; init; }

    /// <summary>The headers of the failed step's answer (<c>failHeaders</c>; empty when none).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> FailHeaders
    {
        get => _failHeaders;
        init => _failHeaders = EmptyCollections.Freeze(value);
    }

    /// <summary>The status the callback answered (<c>responseStatus</c>).</summary>
    public int? ResponseStatus { get; init; }

    /// <summary>The body the callback answered (<c>responseBody</c>).</summary>
    public string? ResponseBody { get; init; }

    /// <summary>The headers the callback answered (<c>responseHeaders</c>; empty when none).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ResponseHeaders
    {
        get => _responseHeaders;
        init => _responseHeaders = EmptyCollections.Freeze(value);
    }

    /// <summary>The failure callback of the failed run <paramref name="entry"/> stands for, or <see langword="null"/> when it has none.</summary>
    internal static RunFailureFunction? Of(DlqEntry entry) => entry.FailureCallback is not { } url ? null : new()
    {
        Url = url,
        State = entry.FailureCallbackInfo?.State,
        FailStatus = entry.ResponseStatus,
        FailResponse = entry.ResponseBody,
        FailHeaders = entry.ResponseHeader,
        ResponseStatus = entry.FailureCallbackInfo?.ResponseStatus,
        ResponseBody = entry.FailureCallbackInfo?.ResponseBody,
        ResponseHeaders = entry.FailureCallbackInfo?.ResponseHeaders!,
    };
}
