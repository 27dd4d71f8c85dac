using System.Text.Json;
using System.Text.Json.Serialization;

namespace BulkResume.Internal.Wire;

/// <summary>
/// Reads and writes an extensible enum as its wire string, known or not, so that a value a newer service adds reads,
/// and writes back, exactly as it came.
/// </summary>
/// <typeparam name="T">The extensible enum.</typeparam>
/// <remarks>An empty string reads as absent (null), as every other optional wire text.</remarks>
internal sealed class ExtensibleEnumConverter<T> : JsonConverter<T?>
    where T : struct, IExtensibleEnum<T>, IEquatable<T>
{
    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => reader.GetString() is { Length: > 0 } text ? T.FromWire(text) : null,
        _ => throw new JsonException($"A {typeof(T).Name} must be a JSON string; got {reader.TokenType}."),
    };

    public override void Write(Utf8JsonWriter writer, T? value, JsonSerializerOptions options)
    {
        if (value is { } present)
        {
            writer.WriteStringValue(present.ToString());
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
