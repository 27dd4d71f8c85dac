using System.ComponentModel;
using BulkResume.Internal.Wire;

namespace BulkResume;

/// <summary>The state of a failed run's failure callback (<c>failureFunctionState</c>), an extensible enum.</summary>
/// <remarks>
/// The service may add states: one this SDK does not know reads as a value of its own, which <see cref="ToString"/>
/// gives back exactly as the service sent it. <see cref="ResumeFilter.WithFailureCallbackState"/> takes only the states
/// listed here.
/// </remarks>
public readonly partial struct FailureCallbackState : IEquatable<FailureCallbackState>, IExtensibleEnum<FailureCallbackState>
{
    private readonly string? _value;

    /// <summary>Initializes a state from its wire value, such as <c>CALLBACK_FAIL</c>.</summary>
    /// <param name="value">The wire value, compared ordinally (case matters).</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null or empty.</exception>
    public FailureCallbackState(string value) => _value = ExtensibleEnum.Require(value, nameof(value));

    /// <summary>Gets the state of a failure callback that is running (<c>CALLBACK_INPROGRESS</c>).</summary>
    public static FailureCallbackState InProgress { get; } = new("CALLBACK_INPROGRESS");

    /// <summary>Gets the state of a failure callback that succeeded (<c>CALLBACK_SUCCESS</c>).</summary>
    public static FailureCallbackState Succeeded { get; } = new("CALLBACK_SUCCESS");

    /// <summary>Gets the state of a failure callback that failed (<c>CALLBACK_FAIL</c>).</summary>
    public static FailureCallbackState Failed { get; } = new("CALLBACK_FAIL");

    /// <summary>Gets the state of a failure callback that was canceled (<c>CALLBACK_CANCELED</c>).</summary>
    public static FailureCallbackState Canceled { get; } = new("CALLBACK_CANCELED");

    static IReadOnlyList<FailureCallbackState> IExtensibleEnum<FailureCallbackState>.Known => [InProgress, Succeeded, Failed, Canceled];

    /// <summary>Compares two states by their wire values.</summary>
    /// <param name="left">A state.</param>
    /// <param name="right">Another state.</param>
    /// <returns><see langword="true"/> when both have the same wire value.</returns>
    public static bool operator ==(FailureCallbackState left, FailureCallbackState right) => left.Equals(right);

    /// <summary>Compares two states by their wire values.</summary>
    /// <param name="left">A state.</param>
    /// <param name="right">Another state.</param>
    /// <returns><see langword="true"/> when their wire values differ.</returns>
    public static bool operator !=(FailureCallbackState left, FailureCallbackState right) => !left.Equals(right);

    /// <summary>Converts a wire value, such as <c>CALLBACK_FAIL</c>, to a state.</summary>
    /// <param name="value">The wire value.</param>
    public static implicit operator FailureCallbackState(string value) => new(value);

    static FailureCallbackState IExtensibleEnum<FailureCallbackState>.FromWire(string value) => new(value);

    /// <summary>Compares the wire values ordinally.</summary>
    /// <param name="other">Another state.</param>
    /// <returns><see langword="true"/> when both have the same wire value.</returns>
    public bool Equals(FailureCallbackState other) => ExtensibleEnum.Equal(_value, other._value);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is FailureCallbackState other && Equals(other);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => ExtensibleEnum.Hash(_value);

    /// <summary>The wire value, exactly as the service sent it.</summary>
    /// <returns>The wire value, such as <c>CALLBACK_FAIL</c>.</returns>
    public override string ToString() => ExtensibleEnum.Text(_value);
}
