using System.Text.Json.Serialization;
using BulkResume.Engine.Delivery;
using BulkResume.Engine.Model;

namespace BulkResume.Engine;

/// <summary>A workflow run: a failed run that was dead-lettered, or a run resumed or restarted from the DLQ.</summary>
public sealed record RunRecord
{
    private readonly IReadOnlyList<StepRecord> _steps = EmptyCollections.Steps;
    private readonly IReadOnlyList<string> _labels = EmptyCollections.Strings;
    private readonly RunState _state;
    private readonly WorkflowRunOrigin _origin;

    /// <summary>The run's id (<c>wfr_...</c>).</summary>
    public required string WorkflowRunId { get; init; }

    /// <summary>The workflow endpoint the run calls.</summary>
    public required string WorkflowUrl { get; init; }

    /// <summary>The run's state.</summary>
    public required RunState State
    {
        get => _state;
        init => _state = DefinedValue.Of(value, nameof(State));
    }

    /// <summary>When the run was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the run finished, or <see langword="null"/> while it runs.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>The run's steps, in order.</summary>
    [JsonInclude]
    internal IReadOnlyList<StepRecord> Steps
    {
        get => _steps;
        init => _steps = EmptyCollections.Freeze(value, EmptyCollections.Steps);
    }

    /// <summary>The run's flow-control and retry settings.</summary>
    [JsonInclude]
    internal WorkflowRunConfiguration Configuration { get; init; } = WorkflowRunConfiguration.None;

    /// <summary>The flow-control key the run was configured with, if any.</summary>
    /// <remarks>Part of the run's configuration, which the run keeps whole in <see cref="Storage.StoredJson"/>; setting it keeps the rest.</remarks>
    [JsonIgnore]
    public string? FlowControlKey
    {
        get => Configuration.FlowControlKey;
        init => Configuration = Configuration with { FlowControlKey = value };
    }

    /// <summary>The DLQ entry the run was dead-lettered as, or <see langword="null"/> when it never was.</summary>
    public string? DlqId { get; init; }

    /// <summary>The run's labels (empty when none): a resume or restart keeps the original's unless it is given new ones.</summary>
    public IReadOnlyList<string> Labels
    {
        get => _labels;
        init => _labels = EmptyCollections.Freeze(value, EmptyCollections.Strings);
    }

    /// <summary>The address the run was triggered from, if known (wire <c>workflowRunCallerIp</c>).</summary>
    public string? CallerIp { get; init; }

    /// <summary>The run's failure callback and, once the run failed, what happened to it; <see langword="null"/> when it has none.</summary>
    [JsonInclude]
    internal RunFailureFunction? FailureFunction { get; init; }

    /// <summary>What the workflow returned, when it succeeded and returned something (wire <c>workflowRunResponse</c>).</summary>
    [JsonInclude]
    internal string? Response { get; init; }

    /// <summary>How the run came to exist.</summary>
    public WorkflowRunOrigin Origin
    {
        get => _origin;
        init => _origin = DefinedValue.Of(value, nameof(Origin));
    }

    /// <summary>The DLQ entry this run was resumed or restarted from, or <see langword="null"/> for a triggered run.</summary>
    public string? SourceDlqId { get; init; }

    /// <summary>
    /// The run's history and headers when it was created through the workflow protocol and is delivered to its endpoint
    /// over HTTP; <see langword="null"/> for every other run, which is never delivered.
    /// </summary>
    [JsonInclude]
    internal DeliveredRun? Delivered { get; init; }
}
