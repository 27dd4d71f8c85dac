using BulkResume.Engine.Model;

namespace BulkResume.Engine;

/// <summary>
/// Which runs the run logs show. With <see cref="Runs"/>, exactly those runs (each by id and creation time) and every
/// other filter is ignored, as the service does; otherwise the filters are AND-ed (the labels OR-ed among themselves),
/// and a filter left empty does not restrict, so an empty selection shows every run.
/// </summary>
public sealed class RunSelection
{
    private readonly IReadOnlyList<RunReference> _runs = [];
    private readonly IReadOnlyList<string> _labels = EmptyCollections.Strings;

    /// <summary>Every run.</summary>
    public static RunSelection All { get; } = new();

    /// <summary>Exactly these runs (<c>workflowRuns=id@createdAt,...</c>); when not empty every other filter is ignored.</summary>
    public IReadOnlyList<RunReference> Runs
    {
        get => _runs;
        init => _runs = value is null ? [] : value.Distinct().ToArray();
    }

    /// <summary>The runs with exactly this id (<c>workflowRunId</c>).</summary>
    public string? WorkflowRunId { get; init; }

    /// <summary>The runs of exactly this workflow URL (<c>workflowUrl</c>).</summary>
    public string? WorkflowUrl { get; init; }

    /// <summary>The runs created at exactly this time, to the millisecond (<c>workflowCreatedAt</c>).</summary>
    public DateTimeOffset? WorkflowCreatedAt { get; init; }

    /// <summary>The runs in this state (<c>state</c>).</summary>
    public RunState? State { get; init; }

    /// <summary>The runs created at or after this time (<c>fromDate</c>).</summary>
    public DateTimeOffset? FromDate { get; init; }

    /// <summary>The runs created at or before this time (<c>toDate</c>).</summary>
    public DateTimeOffset? ToDate { get; init; }

    /// <summary>The runs that carry at least one of these labels (<c>label</c>).</summary>
    public IReadOnlyList<string> Labels
    {
        get => _labels;
        init => _labels = EmptyCollections.Freeze(value?.Distinct(StringComparer.Ordinal), EmptyCollections.Strings);
    }

    /// <summary>The runs with this flow-control key (<c>flowControlKey</c>).</summary>
    public string? FlowControlKey { get; init; }

    /// <summary>The runs triggered from this address (<c>callerIp</c>).</summary>
    public string? CallerIp { get; init; }

    /// <summary>Whether <paramref name="run"/> is selected. Stores that cannot translate the selection use this.</summary>
    /// <param name="run">A run.</param>
    /// <returns><see langword="true"/> when the run is selected.</returns>
    public bool Matches(RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        long created = run.CreatedAt.ToUnixTimeMilliseconds();
        if (_runs.Count > 0)
        {
            return _runs.Any(reference => reference.WorkflowRunId == run.WorkflowRunId && reference.CreatedAt.ToUnixTimeMilliseconds() == created);
        }

        return (WorkflowRunId is null || string.Equals(run.WorkflowRunId, WorkflowRunId, StringComparison.Ordinal))
            && (WorkflowUrl is null || string.Equals(run.WorkflowUrl, WorkflowUrl, StringComparison.Ordinal))
            && (WorkflowCreatedAt is not { } at || created == at.ToUnixTimeMilliseconds())
            && (State is not { } state || run.State == state)
            && (FromDate is not { } from || run.CreatedAt >= from)
            && (ToDate is not { } to || run.CreatedAt <= to)
            && (_labels.Count == 0 || run.Labels.Any(label => _labels.Contains(label, StringComparer.Ordinal)))
            && (FlowControlKey is null || string.Equals(run.Configuration.FlowControlKey, FlowControlKey, StringComparison.Ordinal))
            && (CallerIp is null || string.Equals(run.CallerIp, CallerIp, StringComparison.Ordinal));
    }
}
