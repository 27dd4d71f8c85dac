using System.Globalization;

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

    /// <summary>
    /// What is wrong with a value a store indexes (an id, URL, label or key), or <see langword="null"/>: it is not blank,
    /// holds no control character and has at most <paramref name="maxLength"/> characters.
    /// </summary>
    public static string? KeyProblem(string value, int maxLength) =>
        string.IsNullOrWhiteSpace(value) ? "is blank; give it a value."
        : HasControlCharacter(value) ? "contains a control character (such as NUL); remove it."
        : value.Length > maxLength ? string.Create(CultureInfo.InvariantCulture, $"is {value.Length} characters long; at most {maxLength} are kept.")
        : null;

    /// <summary>
    /// What is wrong with free text (a body, a header, a step's output), or <see langword="null"/>: line breaks and tabs are
    /// text, but a NUL is not kept by PostgreSQL in text or JSON, so no store takes one.
    /// </summary>
    public static string? TextProblem(string? value) =>
        value is not null && value.Contains('\0', StringComparison.Ordinal) ? "contains a NUL character; remove it." : null;

    /// <summary>At most the first 40 characters of <paramref name="text"/>, for an error that quotes what was sent.</summary>
    public static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
