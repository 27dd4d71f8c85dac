using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BulkResume.Engine.Delivery;

/// <summary>Source-generated JSON of what the engine stores and sends for deliveries.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DeliveryMessage))]
[JsonSerializable(typeof(FailureCallBody))]
[JsonSerializable(typeof(AcceptedMessageBody[]))]
[JsonSerializable(typeof(CallbackBody))]
[JsonSerializable(typeof(TriggeredRunBody))]
[JsonSerializable(typeof(TriggeredRunBody[]))]
[JsonSerializable(typeof(WaiterBody[]))]
[JsonSerializable(typeof(NotifiedWaiterBody[]))]
internal sealed partial class DeliveryJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The same, escaping only what <c>JSON.stringify</c> escapes for the ASCII the engine writes: a body the Express adapter
    /// parses and writes again must come out byte for byte as signed (System.Text.Json's default writes <c>+</c> as <c>\u002B</c>).
    /// </summary>
    public static DeliveryJsonContext Relaxed { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
