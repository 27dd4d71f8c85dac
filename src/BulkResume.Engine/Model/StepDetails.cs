using BulkResume.Engine.Model;

namespace BulkResume.Engine;

/// <summary>The fields of the wire's <c>StepInfo</c> that only some steps have; each is left out of the logs when null.</summary>
internal sealed record StepDetails
{
    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> _callHeaders = EmptyCollections.Headers;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> _callResponseHeaders = EmptyCollections.Headers;

    /// <summary>When a step being retried is delivered next (<c>nextDeliveryTime</c>).</summary>
    public DateTimeOffset? NextDeliveryTime { get; init; }

    /// <summary>The URL a <c>Call</c> step called (<c>callUrl</c>).</summary>
    public string? CallUrl { get; init; }

    /// <summary>The HTTP method of a <c>Call</c> step (<c>callMethod</c>).</summary>
    public string? CallMethod { get; init; }

    /// <summary>The body a <c>Call</c> step sent (<c>callBody</c>).</summary>
    public string? CallBody { get; init; }

    /// <summary>The headers a <c>Call</c> step sent (<c>callHeaders</c>; empty when none).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> CallHeaders
    {
        get => _callHeaders;
        init => _callHeaders = EmptyCollections.Freeze(value);
    }

    /// <summary>The status a <c>Call</c> step was answered (<c>callResponseStatus</c>).</summary>
    public int? CallResponseStatus { get; init; }

    /// <summary>The body a <c>Call</c> step was answered (<c>callResponseBody</c>).</summary>
    public string? CallResponseBody { get; init; }

    /// <summary>The headers a <c>Call</c> step was answered (<c>callResponseHeaders</c>; empty when none).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> CallResponseHeaders
    {
        get => _callResponseHeaders;
        init => _callResponseHeaders = EmptyCollections.Freeze(value);
    }

    /// <summary>The event a <c>Wait</c> step waits for (<c>waitEventId</c>).</summary>
    public string? WaitEventId { get; init; }

    /// <summary>Whether a <c>Wait</c> step timed out (<c>waitTimeout</c>).</summary>
    public bool? WaitTimeout { get; init; }

    /// <summary>The run an <c>Invoke</c> step started (<c>invokedWorkflowRunId</c>).</summary>
    public string? InvokedWorkflowRunId { get; init; }

    /// <summary>The workflow an <c>Invoke</c> step started (<c>invokedWorkflowUrl</c>).</summary>
    public string? InvokedWorkflowUrl { get; init; }
}
