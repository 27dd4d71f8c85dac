using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace BulkResume.Emulator.Admin;

/// <summary>
/// What was wrong with an admin body, said in its JSON fields (never a .NET type or parameter name); an unknown field is
/// answered with the fields its object takes, so the answer needs no page of documentation beside it.
/// </summary>
internal static partial class AdminJson
{
    public static string Describe(JsonException exception, JsonTypeInfo body)
    {
        // The reader's own exception inside: the text is not JSON at all, or it stops before its end.
        if (exception.InnerException is JsonException)
        {
            return string.Create(
                CultureInfo.InvariantCulture,
                $"The body is not valid JSON (line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1}): it is malformed or cut short; send one complete JSON object.");
        }

        if (UnknownProperty().Match(exception.Message) is { Success: true } unknown)
        {
            string? field = Field(exception.Path);
            string known = FieldsAt(body, field) is { Count: > 0 } fields ? $"; the fields there are {string.Join(", ", fields)}" : string.Empty;
            return $"{field ?? unknown.Groups[1].Value} is not a field of this endpoint{known}.";
        }

        return Field(exception.Path) is { } wrong
            ? $"{wrong} has a value of the wrong type or out of range (a whole number where a number is expected, text where text is)."
            : "The body is not a JSON object this endpoint takes.";
    }

    /// <summary>A JSON path such as <c>$.failNext.count</c> or <c>$.entries[2].steps</c> without the root (it already ends with the field at fault), or <see langword="null"/> for the root.</summary>
    private static string? Field(string? path)
    {
        string field = (path ?? "$").TrimStart('$').TrimStart('.');
        return field.Length == 0 ? null : field;
    }

    /// <summary>
    /// The JSON names of the object that holds <paramref name="field"/> (<c>failNext.bogus</c>: those of <c>failNext</c>),
    /// found by following the path from the body's type; empty when the path leads nowhere known.
    /// </summary>
    private static List<string> FieldsAt(JsonTypeInfo body, string? field)
    {
        JsonTypeInfo? type = body;
        string[] path = (field ?? string.Empty).Split('.');
        foreach (string segment in path[..^1])
        {
            string name = segment.Split('[')[0];
            type = type?.Properties.FirstOrDefault(property => property.Name == name) is { } property
                ? Unwrapped(body.Options.GetTypeInfo(property.PropertyType))
                : null;
        }

        return type is { Kind: JsonTypeInfoKind.Object } ? [.. type.Properties.Select(property => property.Name)] : [];
    }

    /// <summary>The elements' type of a list (<c>entries[2]</c> is one entry), the type itself otherwise.</summary>
    private static JsonTypeInfo Unwrapped(JsonTypeInfo type) =>
        type is { Kind: JsonTypeInfoKind.Enumerable } && ElementOf(type.Type) is { } element ? type.Options.GetTypeInfo(element) : type;

    // JsonTypeInfo.ElementType is .NET 9's; the admin bodies' lists are arrays or IReadOnlyList<T>.
    private static Type? ElementOf(Type list) =>
        list.IsArray ? list.GetElementType() : list.IsGenericType ? list.GetGenericArguments()[0] : null;

    [GeneratedRegex("The JSON property '(.+?)' could not be mapped", RegexOptions.CultureInvariant)]
    private static partial Regex UnknownProperty();
}
