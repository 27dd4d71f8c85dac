using System.ComponentModel;
using BulkResume.Internal.Wire;

namespace BulkResume;

/// <summary>Whether a bulk action is running or finished (<see cref="BulkAction.State"/>, <c>state</c>), an extensible enum.</summary>
/// <remarks>
/// The service may add states: one this SDK does not know reads as a value of its own, which <see cref="ToString"/>
/// gives back exactly as the service sent it. <see cref="BulkActionsClient.ListAsync"/> takes only the states listed here.
/// </remarks>
public readonly partial struct BulkActionState : IEquatable<BulkActionState>, IExtensibleEnum<BulkActionState>
{
    private readonly string? _value;

    /// <summary>Initializes a state from its wire value, such as <c>IN_PROGRESS</c>.</summary>
    /// <param name="value">The wire value, compared ordinally (case matters).</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null or empty.</exception>
    public BulkActionState(string value) => _value = ExtensibleEnum.Require(value, nameof(value));

    /// <summary>Gets the state of an action the service is still working through (<c>IN_PROGRESS</c>).</summary>
    public static BulkActionState InProgress { get; } = new("IN_PROGRESS");

    /// <summary>Gets the state of an action the service has finished (<c>FINISHED</c>).</summary>
    public static BulkActionState Finished { get; } = new("FINISHED");

    static IReadOnlyList<BulkActionState> IExtensibleEnum<BulkActionState>.Known => [InProgress, Finished];

    /// <summary>Compares two states by their wire values.</summary>
    /// <param name="left">A state.</param>
    /// <param name="right">Another state.</param>
    /// <returns><see langword="true"/> when both have the same wire value.</returns>
    public static bool operator ==(BulkActionState left, BulkActionState right) => left.Equals(right);

    /// <summary>Compares two states by their wire values.</summary>
    /// <param name="left">A state.</param>
    /// <param name="right">Another state.</param>
    /// <returns><see langword="true"/> when their wire values differ.</returns>
    public static bool operator !=(BulkActionState left, BulkActionState right) => !left.Equals(right);

    /// <summary>Converts a wire value, such as <c>IN_PROGRESS</c>, to a state.</summary>
    /// <param name="value">The wire value.</param>
    public static implicit operator BulkActionState(string value) => new(value);

    static BulkActionState IExtensibleEnum<BulkActionState>.FromWire(string value) => new(value);

    /// <summary>Compares the wire values ordinally.</summary>
    /// <param name="other">Another state.</param>
    /// <returns><see langword="true"/> when both have the same wire value.</returns>
    public bool Equals(BulkActionState other) => ExtensibleEnum.Equal(_value, other._value);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is BulkActionState other && Equals(other);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => ExtensibleEnum.Hash(_value);

    /// <summary>The wire value, exactly as the service sent it.</summary>
    /// <returns>The wire value, such as <c>IN_PROGRESS</c>.</returns>
    public override string ToString() => ExtensibleEnum.Text(_value);
}
