namespace BulkResume.Engine.Model;

/// <summary>Refuses an enum value that is none of its type's, such as <c>(RunState)99</c> cast in process.</summary>
/// <remarks>
/// The wire names only defined values, but a .NET caller can cast any number: a SQL store could not write it and the
/// in-memory store would never match it, so it is refused where it is given, before any store sees it.
/// </remarks>
internal static class DefinedValue
{
    /// <summary><paramref name="value"/>, when it is one of <typeparamref name="T"/>'s values.</summary>
    /// <exception cref="ArgumentOutOfRangeException">It is not; the exception names <paramref name="parameterName"/>.</exception>
    public static T Of<T>(T value, string parameterName)
        where T : struct, Enum =>
        Enum.IsDefined(value)
            ? value
            : throw new ArgumentOutOfRangeException(
                parameterName, value, $"{value} is not a defined {typeof(T).Name}; give one of {string.Join(", ", Enum.GetNames<T>())}.");
}
