using System.Text.Json;
using System.Text.RegularExpressions;

namespace BulkResume.Emulator.Admin;

/// <summary>What was wrong with an admin body, said in its JSON fields (never a .NET type or parameter name).</summary>
internal static partial class AdminJson
{
    public static string Describe(JsonException exception)
    {
        if (UnknownProperty().Match(exception.Message) is { Success: true } unknown)
        {
            return $"{Field(exception.Path, unknown.Groups[1].Value)} is not a field of this endpoint; see docs/emulator.md for the fields it takes.";
        }

        return exception.Path is { Length: > 1 } path
            ? $"{Field(path, null)} has a value of the wrong type or out of range (a whole number where a number is expected, text where text is); see docs/emulator.md."
            : "The body is not a JSON object this endpoint takes; see docs/emulator.md.";
    }

    /// <summary>A JSON path such as <c>$.failNext.count</c> or <c>$.entries[2].steps</c> without the root; with a property below it when given.</summary>
    private static string Field(string? path, string? property)
    {
        string field = (path ?? "$").TrimStart('$').TrimStart('.');
        return property is null ? field : field.Length == 0 ? property : field + "." + property;
    }

    [GeneratedRegex("The JSON property '(.+?)' could not be mapped", RegexOptions.CultureInvariant)]
    private static partial Regex UnknownProperty();
}
