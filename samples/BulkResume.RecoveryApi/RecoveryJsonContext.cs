using System.Text.Json;
using System.Text.Json.Serialization;

/// <summary>The API's JSON, source-generated.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(RecoveryResult))]
[JsonSerializable(typeof(RecoveryError))]
internal sealed partial class RecoveryJsonContext : JsonSerializerContext;
