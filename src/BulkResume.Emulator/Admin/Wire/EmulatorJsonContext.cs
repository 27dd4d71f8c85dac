using System.Text.Json.Serialization;

namespace BulkResume.Emulator.Admin.Wire;

/// <summary>Source-generated JSON for the admin API.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(SeedRequestBody))]
[JsonSerializable(typeof(SeedResponseBody))]
[JsonSerializable(typeof(FaultsRequestBody))]
[JsonSerializable(typeof(StatsResponseBody))]
internal sealed partial class EmulatorJsonContext : JsonSerializerContext
{
}
