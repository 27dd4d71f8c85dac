namespace BulkResume.Engine;

/// <summary>Checks of text every rule that takes a name, id or header value shares.</summary>
internal static class TextChecks
{
    /// <summary>
    /// Whether <paramref name="value"/> holds a NUL or another control character: no parameter, id or header value may,
    /// because the service would not keep it and a SQL store can't even compare a NUL.
    /// </summary>
    public static bool HasControlCharacter(string value) =>
        value.AsSpan().IndexOfAnyInRange('\0', '\u001f') >= 0 || value.Contains('\u007f', StringComparison.Ordinal);
}
