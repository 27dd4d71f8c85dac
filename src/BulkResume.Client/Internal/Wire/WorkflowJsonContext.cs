using System.Text.Json.Serialization;

namespace BulkResume.Internal.Wire;

/// <summary>Source-generated JSON metadata for every wire type: no reflection, trimming and AOT safe.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(ErrorResponseWire))]
[JsonSerializable(typeof(BulkResumeResponseWire))]
internal sealed partial class WorkflowJsonContext : JsonSerializerContext
{
}
