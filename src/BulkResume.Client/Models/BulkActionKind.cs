using System.ComponentModel;
using BulkResume.Internal.Wire;

namespace BulkResume;

/// <summary>What a bulk action does (<see cref="BulkAction.Kind"/>, <c>kind</c>), an extensible enum.</summary>
/// <remarks>
/// The service's pages list only <c>cancel</c>; the reference engine uses the four listed here. A kind this SDK does not
/// know reads as a value of its own, which <see cref="ToString"/> gives back exactly as the service sent it.
/// </remarks>
public readonly partial struct BulkActionKind : IEquatable<BulkActionKind>, IExtensibleEnum<BulkActionKind>
{
    private readonly string? _value;

    /// <summary>Initializes a kind from its wire value, such as <c>resume</c>.</summary>
    /// <param name="value">The wire value, compared ordinally (case matters).</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null or empty.</exception>
    public BulkActionKind(string value) => _value = ExtensibleEnum.Require(value, nameof(value));

    /// <summary>Gets the kind of an action that resumes DLQ entries (<c>resume</c>).</summary>
    public static BulkActionKind Resume { get; } = new("resume");

    /// <summary>Gets the kind of an action that restarts DLQ entries (<c>restart</c>).</summary>
    public static BulkActionKind Restart { get; } = new("restart");

    /// <summary>Gets the kind of an action that deletes DLQ entries (<c>delete</c>).</summary>
    public static BulkActionKind Delete { get; } = new("delete");

    /// <summary>Gets the kind of an action that cancels runs (<c>cancel</c>).</summary>
    public static BulkActionKind Cancel { get; } = new("cancel");

    static IReadOnlyList<BulkActionKind> IExtensibleEnum<BulkActionKind>.Known => [Resume, Restart, Delete, Cancel];

    /// <summary>Compares two kinds by their wire values.</summary>
    /// <param name="left">A kind.</param>
    /// <param name="right">Another kind.</param>
    /// <returns><see langword="true"/> when both have the same wire value.</returns>
    public static bool operator ==(BulkActionKind left, BulkActionKind right) => left.Equals(right);

    /// <summary>Compares two kinds by their wire values.</summary>
    /// <param name="left">A kind.</param>
    /// <param name="right">Another kind.</param>
    /// <returns><see langword="true"/> when their wire values differ.</returns>
    public static bool operator !=(BulkActionKind left, BulkActionKind right) => !left.Equals(right);

    /// <summary>Converts a wire value, such as <c>resume</c>, to a kind.</summary>
    /// <param name="value">The wire value.</param>
    public static implicit operator BulkActionKind(string value) => new(value);

    static BulkActionKind IExtensibleEnum<BulkActionKind>.FromWire(string value) => new(value);

    /// <summary>Compares the wire values ordinally.</summary>
    /// <param name="other">Another kind.</param>
    /// <returns><see langword="true"/> when both have the same wire value.</returns>
    public bool Equals(BulkActionKind other) => ExtensibleEnum.Equal(_value, other._value);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is BulkActionKind other && Equals(other);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => ExtensibleEnum.Hash(_value);

    /// <summary>The wire value, exactly as the service sent it.</summary>
    /// <returns>The wire value, such as <c>resume</c>.</returns>
    public override string ToString() => ExtensibleEnum.Text(_value);
}
