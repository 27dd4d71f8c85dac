using BulkResume.Engine.Model;

namespace BulkResume.Engine;

/// <summary>What happened to the failure callback of a dead-lettered run.</summary>
internal sealed record FailureCallbackRecord
{
    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> _responseHeaders = EmptyCollections.Headers;

    /// <summary>The callback's state.</summary>
    public required CallbackState State { get; init; }

    /// <summary>The HTTP status the callback answered, when it answered.</summary>
    public int? ResponseStatus { get; init; }

    /// <summary>The body the callback answered, when it answered.</summary>
    public string? ResponseBody { get; init; }

    /// <summary>The headers the callback answered (empty when none).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ResponseHeaders
    {
        get => _responseHeaders;
        init => _responseHeaders = EmptyCollections.Freeze(value);
    }
}
