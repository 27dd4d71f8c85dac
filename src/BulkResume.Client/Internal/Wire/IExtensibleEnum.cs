namespace BulkResume.Internal.Wire;

/// <summary>What <see cref="ExtensibleEnumConverter{T}"/> and <see cref="ExtensibleEnum"/> need of an extensible enum.</summary>
/// <remarks>
/// An extensible enum is a public <c>readonly partial struct</c> over its wire value, for a set the service may extend
/// (<see cref="FailureCallbackState"/> is the one to copy). The struct implements this interface explicitly, so it stays
/// out of the public surface. A new one: copy that file with its own name and values, add
/// <c>typeof(ExtensibleEnumConverter&lt;TheNewOne&gt;)</c> to <see cref="WorkflowJsonContext"/>'s converters, and its members to
/// <c>PublicAPI.Unshipped.txt</c>.
/// </remarks>
/// <typeparam name="TSelf">The struct.</typeparam>
internal interface IExtensibleEnum<TSelf>
    where TSelf : struct, IExtensibleEnum<TSelf>, IEquatable<TSelf>
{
    /// <summary>Gets the values this SDK knows, for a filter's refusal of any other.</summary>
    static abstract IReadOnlyList<TSelf> Known { get; }

    /// <summary>The value of a wire text that is not empty.</summary>
    /// <param name="value">The wire text.</param>
    /// <returns>The value, known or not.</returns>
    static abstract TSelf FromWire(string value);
}
