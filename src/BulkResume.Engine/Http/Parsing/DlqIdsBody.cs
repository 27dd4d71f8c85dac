using System.Text.Json;

namespace BulkResume.Engine.Http.Parsing;

/// <summary>
/// Reads the body of the <c>/multi</c> endpoints, <c>{"dlqIds": ["...", ...]}</c>: a body that is not exactly that (not
/// JSON, another field, a value of another type, an empty list, an id given twice) is a 400 naming the field, before
/// anything changes.
/// </summary>
/// <remarks>
/// An empty list is refused here because an id selection without ids would select every entry. Blank ids, ids with a
/// control character and more ids than a request takes are refused by the engine's rules for every id selection.
/// </remarks>
internal static class DlqIdsBody
{
    public const string Field = "dlqIds";

    private const string Shape = """a JSON object like {"dlqIds": ["1752829295505-0", "1752829296505-1"]}""";

    /// <summary>The ids of the body, in the order given.</summary>
    /// <param name="request">The request.</param>
    /// <param name="endpoint">The endpoint as messages name it, like <c>POST /v2/workflows/dlq/restart/multi</c>.</param>
    public static IReadOnlyList<string> Parse(DlqApiRequest request, string endpoint)
    {
        if (request.Body.IsEmpty)
        {
            throw Refused("body", $"{endpoint} takes the ids in its body, which is empty; send {Shape}.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(request.Body);
        }
        catch (JsonException exception)
        {
            throw Refused("body", $"The body of {endpoint} is not JSON ({exception.Message}); send {Shape}.");
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Refused("body", $"The body of {endpoint} must be {Shape}; got {Describe(root)}.");
            }

            JsonElement? ids = null;
            foreach (JsonProperty property in root.EnumerateObject())
            {
                if (!string.Equals(property.Name, Field, StringComparison.Ordinal))
                {
                    string hint = string.Equals(property.Name, Field, StringComparison.OrdinalIgnoreCase) ? $" Did you mean {Field}? Field names are case-sensitive." : string.Empty;
                    throw Refused(property.Name, $"{property.Name} is not a field of the body of {endpoint}, which takes only {Field}.{hint}");
                }

                ids = ids is null ? property.Value : throw Refused(Field, $"{Field} is given twice in the body; give it once.");
            }

            return ids is { } list ? Ids(list) : throw Refused(Field, $"The body has no {Field}; send {Shape}.");
        }
    }

    private static string[] Ids(JsonElement list)
    {
        if (list.ValueKind != JsonValueKind.Array)
        {
            throw Refused(Field, $"{Field} must be an array of DLQ ids (strings); got {Describe(list)}.");
        }

        if (list.GetArrayLength() == 0)
        {
            // An id selection without ids would be a selection of every entry.
            throw Refused(Field, $"{Field} is empty; give the ids of 1 or more DLQ messages.");
        }

        var ids = new string[list.GetArrayLength()];
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        int i = 0;
        foreach (JsonElement item in list.EnumerateArray())
        {
            string id = item.ValueKind == JsonValueKind.String
                ? item.GetString()!
                : throw Refused(Field, $"{Field}[{i}] must be a string (a DLQ id); got {Describe(item)}.");
            if (!first.TryAdd(id, i))
            {
                throw Refused(Field, $"{Field}[{i}] repeats '{TextChecks.Shorten(id)}' of {Field}[{first[id]}]; give each id once.");
            }

            ids[i++] = id;
        }

        return ids;
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static DlqEngineException Refused(string field, string message) =>
        DlqEngineException.BadRequest(field, message + " Nothing was changed.");
}
