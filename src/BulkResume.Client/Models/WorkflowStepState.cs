using System.ComponentModel;
using BulkResume.Internal.Wire;

namespace BulkResume;

/// <summary>The state of a workflow step (<see cref="WorkflowStep.State"/>), an extensible enum.</summary>
/// <remarks>
/// The service may add states: one this SDK does not know reads as a value of its own, which <see cref="ToString"/>
/// gives back exactly as the service sent it.
/// </remarks>
public readonly partial struct WorkflowStepState : IEquatable<WorkflowStepState>, IExtensibleEnum<WorkflowStepState>
{
    private readonly string? _value;

    /// <summary>Initializes a state from its wire value, such as <c>STEP_FAILED</c>.</summary>
    /// <param name="value">The wire value, compared ordinally (case matters).</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null or empty.</exception>
    public WorkflowStepState(string value) => _value = ExtensibleEnum.Require(value, nameof(value));

    /// <summary>Gets the state of a step that succeeded; a resumed run keeps its result (<c>STEP_SUCCESS</c>).</summary>
    public static WorkflowStepState Succeeded { get; } = new("STEP_SUCCESS");

    /// <summary>Gets the state of a step that is being retried (<c>STEP_RETRY</c>).</summary>
    public static WorkflowStepState Retrying { get; } = new("STEP_RETRY");

    /// <summary>Gets the state of a step that failed (<c>STEP_FAILED</c>).</summary>
    public static WorkflowStepState Failed { get; } = new("STEP_FAILED");

    /// <summary>Gets the state of a step in progress (<c>STEP_PROGRESS</c>).</summary>
    public static WorkflowStepState InProgress { get; } = new("STEP_PROGRESS");

    /// <summary>Gets the state of a step that was canceled (<c>STEP_CANCELED</c>).</summary>
    public static WorkflowStepState Canceled { get; } = new("STEP_CANCELED");

    static IReadOnlyList<WorkflowStepState> IExtensibleEnum<WorkflowStepState>.Known => [Succeeded, Retrying, Failed, InProgress, Canceled];

    /// <summary>Compares two states by their wire values.</summary>
    /// <param name="left">A state.</param>
    /// <param name="right">Another state.</param>
    /// <returns><see langword="true"/> when both have the same wire value.</returns>
    public static bool operator ==(WorkflowStepState left, WorkflowStepState right) => left.Equals(right);

    /// <summary>Compares two states by their wire values.</summary>
    /// <param name="left">A state.</param>
    /// <param name="right">Another state.</param>
    /// <returns><see langword="true"/> when their wire values differ.</returns>
    public static bool operator !=(WorkflowStepState left, WorkflowStepState right) => !left.Equals(right);

    /// <summary>Converts a wire value, such as <c>STEP_FAILED</c>, to a state.</summary>
    /// <param name="value">The wire value.</param>
    public static implicit operator WorkflowStepState(string value) => new(value);

    static WorkflowStepState IExtensibleEnum<WorkflowStepState>.FromWire(string value) => new(value);

    /// <summary>Compares the wire values ordinally.</summary>
    /// <param name="other">Another state.</param>
    /// <returns><see langword="true"/> when both have the same wire value.</returns>
    public bool Equals(WorkflowStepState other) => ExtensibleEnum.Equal(_value, other._value);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is WorkflowStepState other && Equals(other);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => ExtensibleEnum.Hash(_value);

    /// <summary>The wire value, exactly as the service sent it.</summary>
    /// <returns>The wire value, such as <c>STEP_FAILED</c>.</returns>
    public override string ToString() => ExtensibleEnum.Text(_value);
}
