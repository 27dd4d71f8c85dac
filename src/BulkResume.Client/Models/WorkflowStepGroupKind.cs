using System.ComponentModel;
using BulkResume.Internal.Wire;

namespace BulkResume;

/// <summary>How the steps of a <see cref="WorkflowStepGroup"/> ran (the group's <c>type</c>), an extensible enum.</summary>
/// <remarks>
/// The service may add group types: one this SDK does not know reads as a value of its own, which <see cref="ToString"/>
/// gives back exactly as the service sent it; the group keeps its steps.
/// </remarks>
public readonly partial struct WorkflowStepGroupKind : IEquatable<WorkflowStepGroupKind>, IExtensibleEnum<WorkflowStepGroupKind>
{
    private readonly string? _value;

    /// <summary>Initializes a kind from its wire value, such as <c>parallel</c>.</summary>
    /// <param name="value">The wire value, compared ordinally (case matters).</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null or empty.</exception>
    public WorkflowStepGroupKind(string value) => _value = ExtensibleEnum.Require(value, nameof(value));

    /// <summary>Gets the kind of a group of one step that ran alone (<c>sequential</c>).</summary>
    public static WorkflowStepGroupKind Sequential { get; } = new("sequential");

    /// <summary>Gets the kind of steps that ran together (<c>parallel</c>; each step's <see cref="WorkflowStep.Concurrent"/> is more than 1).</summary>
    public static WorkflowStepGroupKind Parallel { get; } = new("parallel");

    /// <summary>Gets the kind of the steps executing or scheduled now, in a run that is still going (<c>next</c>).</summary>
    public static WorkflowStepGroupKind Next { get; } = new("next");

    static IReadOnlyList<WorkflowStepGroupKind> IExtensibleEnum<WorkflowStepGroupKind>.Known => [Sequential, Parallel, Next];

    /// <summary>Compares two kinds by their wire values.</summary>
    /// <param name="left">A kind.</param>
    /// <param name="right">Another kind.</param>
    /// <returns><see langword="true"/> when both have the same wire value.</returns>
    public static bool operator ==(WorkflowStepGroupKind left, WorkflowStepGroupKind right) => left.Equals(right);

    /// <summary>Compares two kinds by their wire values.</summary>
    /// <param name="left">A kind.</param>
    /// <param name="right">Another kind.</param>
    /// <returns><see langword="true"/> when their wire values differ.</returns>
    public static bool operator !=(WorkflowStepGroupKind left, WorkflowStepGroupKind right) => !left.Equals(right);

    /// <summary>Converts a wire value, such as <c>parallel</c>, to a kind.</summary>
    /// <param name="value">The wire value.</param>
    public static implicit operator WorkflowStepGroupKind(string value) => new(value);

    static WorkflowStepGroupKind IExtensibleEnum<WorkflowStepGroupKind>.FromWire(string value) => new(value);

    /// <summary>Compares the wire values ordinally.</summary>
    /// <param name="other">Another kind.</param>
    /// <returns><see langword="true"/> when both have the same wire value.</returns>
    public bool Equals(WorkflowStepGroupKind other) => ExtensibleEnum.Equal(_value, other._value);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is WorkflowStepGroupKind other && Equals(other);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => ExtensibleEnum.Hash(_value);

    /// <summary>The wire value, exactly as the service sent it.</summary>
    /// <returns>The wire value, such as <c>parallel</c>.</returns>
    public override string ToString() => ExtensibleEnum.Text(_value);
}
