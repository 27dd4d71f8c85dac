using BulkResume.Internal.Wire;

namespace BulkResume;

/// <summary>
/// A run's failure callback as the run logs show it (<see cref="WorkflowRun.FailureFunction"/>; <c>failureFunction</c>
/// on the wire): where it is, its state, what the failed step answered and what the callback answered.
/// </summary>
public sealed class FailureFunctionInfo
{
    internal FailureFunctionInfo()
    {
    }

    /// <summary>The id of the callback's message (<c>messageId</c>).</summary>
    public string? MessageId { get; internal init; }

    /// <summary>The callback's URL (<c>url</c>).</summary>
    public string? Url { get; internal init; }

    /// <summary>The callback's state (<c>state</c>); a state this SDK does not know included; null when the service did not say.</summary>
    public FailureCallbackState? State { get; internal init; }

    /// <summary>The callback's DLQ entry, when the callback itself failed (<c>dlqId</c>).</summary>
    public string? DlqId { get; internal init; }

    /// <summary>The headers the failed workflow step answered (<c>failHeaders</c>; names compared case-insensitively); empty when none.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> FailHeaders { get; internal init; } = WireValues.NoHeaders;

    /// <summary>The status the failed workflow step answered (<c>failStatus</c>).</summary>
    public int? FailStatus { get; internal init; }

    /// <summary>The body the failed workflow step answered (<c>failResponse</c>).</summary>
    public string? FailResponse { get; internal init; }

    /// <summary>The body the callback answered (<c>responseBody</c>).</summary>
    public string? ResponseBody { get; internal init; }

    /// <summary>The headers the callback answered (<c>responseHeaders</c>; names compared case-insensitively); empty when none.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ResponseHeaders { get; internal init; } = WireValues.NoHeaders;

    /// <summary>The status the callback answered (<c>responseStatus</c>).</summary>
    public int? ResponseStatus { get; internal init; }

    /// <summary>The most retries of the callback (<c>maxRetries</c>).</summary>
    public int? MaxRetries { get; internal init; }
}
