using System.Text.Json.Serialization;

namespace BulkResume.Benchmarks.HandWritten;

/// <summary>Source-generated metadata of the hand-written loop's two types.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(RawResumePage))]
internal sealed partial class RawJsonContext : JsonSerializerContext
{
}
