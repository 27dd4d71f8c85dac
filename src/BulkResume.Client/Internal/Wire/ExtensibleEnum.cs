namespace BulkResume.Internal.Wire;

/// <summary>The string handling every extensible enum shares (see <see cref="IExtensibleEnum{TSelf}"/>), written once.</summary>
/// <remarks>
/// Values compare ordinally: the service and the engine match wire values exactly (<c>CALLBACK_FAIL</c>, never
/// <c>callback_fail</c>), so two values that differ in case are two values on the wire, and <c>==</c> says so.
/// </remarks>
internal static class ExtensibleEnum
{
    /// <summary>Refuses a null or empty wire value: the service never sends one, and the wire layer reads one as absent.</summary>
    /// <param name="value">The wire value.</param>
    /// <param name="parameterName">The constructor's parameter.</param>
    /// <returns><paramref name="value"/>.</returns>
    public static string Require(string value, string parameterName)
    {
        ArgumentException.ThrowIfNullOrEmpty(value, parameterName);
        return value;
    }

    public static bool Equal(string? left, string? right) => string.Equals(left, right, StringComparison.Ordinal);

    public static int Hash(string? value) => value is null ? 0 : StringComparer.Ordinal.GetHashCode(value);

    /// <summary>The wire value, or empty for a <c>default</c> struct (which has none).</summary>
    public static string Text(string? value) => value ?? string.Empty;

    /// <summary>
    /// Refuses a filter value this SDK does not know (or a <c>default</c> struct) before anything is sent: the service
    /// may ignore a value it does not know, and the selection would then be wider than the caller named.
    /// </summary>
    /// <typeparam name="T">The extensible enum.</typeparam>
    /// <param name="value">The filter value.</param>
    /// <param name="parameterName">The caller's parameter.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is not one of <see cref="IExtensibleEnum{TSelf}.Known"/>.</exception>
    public static void EnsureKnown<T>(T value, string parameterName)
        where T : struct, IExtensibleEnum<T>, IEquatable<T>
    {
        if (!T.Known.Contains(value))
        {
            throw new ArgumentOutOfRangeException(
                parameterName,
                value.ToString(),
                $"'{value}' is not a {typeof(T).Name} this SDK knows; use one of {string.Join(", ", T.Known)}. A filter value the service does not know could be ignored, and the selection would be wider than you named.");
        }
    }
}
