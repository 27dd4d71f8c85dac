using System.Text.Json;
using System.Text.Json.Serialization;

namespace BulkResume.Internal.Wire;

/// <summary>The answer of a call that starts a bulk action: <c>{"actionId": "..."}</c>.</summary>
/// <remarks>
/// An answer without an id, or with a blank one, can't be read: the action may exist, but nothing could watch it, so
/// the call fails as a success whose body could not be read does.
/// </remarks>
internal sealed class BulkActionStartedWire
{
    [JsonRequired]
    [JsonConverter(typeof(ActionIdConverter))]
    public string ActionId { get; set; } = string.Empty;

    /// <summary>Reads an action id that is a JSON string with something in it.</summary>
    internal sealed class ActionIdConverter : JsonConverter<string>
    {
        public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && reader.GetString() is { } id && !string.IsNullOrWhiteSpace(id)
                ? id
                : throw new JsonException("The answer's actionId is not a non-blank string.");

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }
}
