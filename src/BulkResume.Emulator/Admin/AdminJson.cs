using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace BulkResume.Emulator.Admin;

/// <summary>What was wrong with an admin body, said in its JSON fields (never a .NET type or parameter name).</summary>
internal static partial class AdminJson
{
    public static string Describe(JsonException exception)
    {
        // The reader's own exception inside: the text is not JSON at all, or it stops before its end.
        if (exception.InnerException is JsonException)
        {
            return string.Create(
                CultureInfo.InvariantCulture,
                $"The body is not valid JSON (line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1}): it is malformed or cut short; send one complete JSON object (see docs/emulator.md).");
        }

        if (UnknownProperty().Match(exception.Message) is { Success: true } unknown)
        {
            return $"{Field(exception.Path) ?? unknown.Groups[1].Value} is not a field of this endpoint; see docs/emulator.md for the fields it takes.";
        }

        return Field(exception.Path) is { } field
            ? $"{field} has a value of the wrong type or out of range (a whole number where a number is expected, text where text is); see docs/emulator.md."
            : "The body is not a JSON object this endpoint takes; see docs/emulator.md.";
    }

    /// <summary>A JSON path such as <c>$.failNext.count</c> or <c>$.entries[2].steps</c> without the root (it already ends with the field at fault), or <see langword="null"/> for the root.</summary>
    private static string? Field(string? path)
    {
        string field = (path ?? "$").TrimStart('$').TrimStart('.');
        return field.Length == 0 ? null : field;
    }

    [GeneratedRegex("The JSON property '(.+?)' could not be mapped", RegexOptions.CultureInvariant)]
    private static partial Regex UnknownProperty();
}
