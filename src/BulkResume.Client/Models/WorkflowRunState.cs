using System.ComponentModel;
using BulkResume.Internal.Wire;

namespace BulkResume;

/// <summary>The state of a workflow run (<see cref="WorkflowRun.State"/>, <c>workflowState</c>), an extensible enum.</summary>
/// <remarks>
/// The service may add states: one this SDK does not know reads as a value of its own, which <see cref="ToString"/>
/// gives back exactly as the service sent it. <see cref="RunFilter.InState"/> takes only the states listed here.
/// </remarks>
public readonly partial struct WorkflowRunState : IEquatable<WorkflowRunState>, IExtensibleEnum<WorkflowRunState>
{
    private readonly string? _value;

    /// <summary>Initializes a state from its wire value, such as <c>RUN_FAILED</c>.</summary>
    /// <param name="value">The wire value, compared ordinally (case matters).</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null or empty.</exception>
    public WorkflowRunState(string value) => _value = ExtensibleEnum.Require(value, nameof(value));

    /// <summary>Gets the state of a run that has started and not finished (<c>RUN_STARTED</c>).</summary>
    public static WorkflowRunState Started { get; } = new("RUN_STARTED");

    /// <summary>Gets the state of a run that finished successfully (<c>RUN_SUCCESS</c>).</summary>
    public static WorkflowRunState Succeeded { get; } = new("RUN_SUCCESS");

    /// <summary>Gets the state of a run that failed (<c>RUN_FAILED</c>).</summary>
    public static WorkflowRunState Failed { get; } = new("RUN_FAILED");

    /// <summary>Gets the state of a run that was canceled (<c>RUN_CANCELED</c>).</summary>
    public static WorkflowRunState Canceled { get; } = new("RUN_CANCELED");

    static IReadOnlyList<WorkflowRunState> IExtensibleEnum<WorkflowRunState>.Known => [Started, Succeeded, Failed, Canceled];

    /// <summary>Compares two states by their wire values.</summary>
    /// <param name="left">A state.</param>
    /// <param name="right">Another state.</param>
    /// <returns><see langword="true"/> when both have the same wire value.</returns>
    public static bool operator ==(WorkflowRunState left, WorkflowRunState right) => left.Equals(right);

    /// <summary>Compares two states by their wire values.</summary>
    /// <param name="left">A state.</param>
    /// <param name="right">Another state.</param>
    /// <returns><see langword="true"/> when their wire values differ.</returns>
    public static bool operator !=(WorkflowRunState left, WorkflowRunState right) => !left.Equals(right);

    /// <summary>Converts a wire value, such as <c>RUN_FAILED</c>, to a state.</summary>
    /// <param name="value">The wire value.</param>
    public static implicit operator WorkflowRunState(string value) => new(value);

    static WorkflowRunState IExtensibleEnum<WorkflowRunState>.FromWire(string value) => new(value);

    /// <summary>Compares the wire values ordinally.</summary>
    /// <param name="other">Another state.</param>
    /// <returns><see langword="true"/> when both have the same wire value.</returns>
    public bool Equals(WorkflowRunState other) => ExtensibleEnum.Equal(_value, other._value);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is WorkflowRunState other && Equals(other);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => ExtensibleEnum.Hash(_value);

    /// <summary>The wire value, exactly as the service sent it.</summary>
    /// <returns>The wire value, such as <c>RUN_FAILED</c>.</returns>
    public override string ToString() => ExtensibleEnum.Text(_value);
}
