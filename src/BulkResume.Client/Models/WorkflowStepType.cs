using System.ComponentModel;
using BulkResume.Internal.Wire;

namespace BulkResume;

/// <summary>What a workflow step does (<see cref="WorkflowStep.StepType"/>), an extensible enum.</summary>
/// <remarks>
/// The service may add step types: one this SDK does not know reads as a value of its own, which <see cref="ToString"/>
/// gives back exactly as the service sent it.
/// </remarks>
public readonly partial struct WorkflowStepType : IEquatable<WorkflowStepType>, IExtensibleEnum<WorkflowStepType>
{
    private readonly string? _value;

    /// <summary>Initializes a type from its wire value, such as <c>Run</c>.</summary>
    /// <param name="value">The wire value, compared ordinally (case matters).</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null or empty.</exception>
    public WorkflowStepType(string value) => _value = ExtensibleEnum.Require(value, nameof(value));

    /// <summary>Gets the type of the first step, which carries the trigger payload (<c>Initial</c>).</summary>
    public static WorkflowStepType Initial { get; } = new("Initial");

    /// <summary>Gets the type of a <c>context.run</c> step (<c>Run</c>).</summary>
    public static WorkflowStepType Run { get; } = new("Run");

    /// <summary>Gets the type of a sleep for a duration (<c>SleepFor</c>).</summary>
    public static WorkflowStepType SleepFor { get; } = new("SleepFor");

    /// <summary>Gets the type of a sleep until a point in time (<c>SleepUntil</c>).</summary>
    public static WorkflowStepType SleepUntil { get; } = new("SleepUntil");

    /// <summary>Gets the type of an HTTP call made by the workflow service (<c>Call</c>).</summary>
    public static WorkflowStepType Call { get; } = new("Call");

    /// <summary>Gets the type of a wait for an event (<c>Wait</c>).</summary>
    public static WorkflowStepType Wait { get; } = new("Wait");

    /// <summary>Gets the type of a notification of waiters (<c>Notify</c>).</summary>
    public static WorkflowStepType Notify { get; } = new("Notify");

    /// <summary>Gets the type of an invocation of another workflow (<c>Invoke</c>).</summary>
    public static WorkflowStepType Invoke { get; } = new("Invoke");

    /// <summary>Gets the type of the creation of a webhook the workflow then waits on (<c>CreateWebhook</c>).</summary>
    public static WorkflowStepType CreateWebhook { get; } = new("CreateWebhook");

    /// <summary>Gets the type of a wait for a call of a webhook the workflow created (<c>WaitForWebhook</c>).</summary>
    public static WorkflowStepType WaitForWebhook { get; } = new("WaitForWebhook");

    static IReadOnlyList<WorkflowStepType> IExtensibleEnum<WorkflowStepType>.Known => [Initial, Run, SleepFor, SleepUntil, Call, Wait, Notify, Invoke, CreateWebhook, WaitForWebhook];

    /// <summary>Compares two types by their wire values.</summary>
    /// <param name="left">A type.</param>
    /// <param name="right">Another type.</param>
    /// <returns><see langword="true"/> when both have the same wire value.</returns>
    public static bool operator ==(WorkflowStepType left, WorkflowStepType right) => left.Equals(right);

    /// <summary>Compares two types by their wire values.</summary>
    /// <param name="left">A type.</param>
    /// <param name="right">Another type.</param>
    /// <returns><see langword="true"/> when their wire values differ.</returns>
    public static bool operator !=(WorkflowStepType left, WorkflowStepType right) => !left.Equals(right);

    /// <summary>Converts a wire value, such as <c>Run</c>, to a type.</summary>
    /// <param name="value">The wire value.</param>
    public static implicit operator WorkflowStepType(string value) => new(value);

    static WorkflowStepType IExtensibleEnum<WorkflowStepType>.FromWire(string value) => new(value);

    /// <summary>Compares the wire values ordinally.</summary>
    /// <param name="other">Another type.</param>
    /// <returns><see langword="true"/> when both have the same wire value.</returns>
    public bool Equals(WorkflowStepType other) => ExtensibleEnum.Equal(_value, other._value);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is WorkflowStepType other && Equals(other);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => ExtensibleEnum.Hash(_value);

    /// <summary>The wire value, exactly as the service sent it.</summary>
    /// <returns>The wire value, such as <c>Run</c>.</returns>
    public override string ToString() => ExtensibleEnum.Text(_value);
}
