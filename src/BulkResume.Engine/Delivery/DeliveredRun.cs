using BulkResume.Engine.Model;

namespace BulkResume.Engine.Delivery;

/// <summary>
/// What the engine keeps of a run created through the workflow protocol (an init message on <c>/v2/batch</c>), so that it
/// can deliver the run's steps, its failure call and, from the DLQ, its resume: the history in append order and the
/// headers the init message gave for every later delivery.
/// </summary>
/// <remarks>
/// A run or DLQ entry without it (seeded, legacy, the in-process runtime's) is never delivered over HTTP. With
/// <c>WF_TriggerOnConfig</c> the SDK sends forwarded and failure-callback headers on the init message only, so they live here.
/// </remarks>
internal sealed record DeliveredRun
{
    private readonly IReadOnlyList<RawStep> _history = [];
    private readonly IReadOnlyDictionary<string, string> _forwardHeaders = EmptyHeaders;
    private readonly IReadOnlyDictionary<string, string> _failureCallbackHeaders = EmptyHeaders;

    private static readonly IReadOnlyDictionary<string, string> EmptyHeaders = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The run's messages in the order they were accepted: element 0 the initial payload, then every step message.</summary>
    public IReadOnlyList<RawStep> History
    {
        get => _history;
        init => _history = value ?? [];
    }

    /// <summary>The headers every delivery of the run carries (the init message's <c>upstash-forward-*</c>, prefix stripped).</summary>
    public IReadOnlyDictionary<string, string> ForwardHeaders
    {
        get => _forwardHeaders;
        init => _forwardHeaders = value is null ? EmptyHeaders : new Dictionary<string, string>(value, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The init message's <c>upstash-failure-callback-*</c> headers, that prefix stripped (<c>forward-…</c>, <c>workflow-runid</c>, <c>retries</c>, …).</summary>
    public IReadOnlyDictionary<string, string> FailureCallbackHeaders
    {
        get => _failureCallbackHeaders;
        init => _failureCallbackHeaders = value is null ? EmptyHeaders : new Dictionary<string, string>(value, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The content type of the initial payload (the init message's <c>content-type</c>), sent on every step delivery.</summary>
    public string? ContentType { get; init; }

    /// <summary>The initial payload, base64 (the body of the history's first element).</summary>
    public string InitialBody => _history.Count > 0 ? _history[0].Body : string.Empty;

    /// <summary>By content, as the model's other records compare: a run read back from a store equals the one written.</summary>
    public bool Equals(DeliveredRun? other) =>
        other is not null
        && _history.SequenceEqual(other._history)
        && SameHeaders(_forwardHeaders, other._forwardHeaders)
        && SameHeaders(_failureCallbackHeaders, other._failureCallbackHeaders)
        && ContentType == other.ContentType;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_history.Count, _history.Count > 0 ? _history[^1] : null, ContentType);

    private static bool SameHeaders(IReadOnlyDictionary<string, string> one, IReadOnlyDictionary<string, string> other) =>
        one.Count == other.Count && one.All(header => other.TryGetValue(header.Key, out string? value) && value == header.Value);
}

/// <summary>One element of a step delivery's body, as the SDK reads it: a message of the run, its body base64.</summary>
/// <param name="MessageId">The message's id.</param>
/// <param name="Body">The exact bytes the SDK published (or the initial payload), base64 with the standard alphabet, padded.</param>
/// <param name="CallType">How the message was published (<c>step</c>, <c>toCallback</c>, <c>fromCallback</c>).</param>
internal sealed record RawStep(string MessageId, string Body, string CallType);
