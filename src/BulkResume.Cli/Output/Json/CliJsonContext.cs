using System.Text.Json.Serialization;

namespace BulkResume.Cli.Output.Json;

/// <summary>Source-generated serialization of every <c>--json</c> document (no reflection).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(SelectionDocument))]
[JsonSerializable(typeof(BulkRunDocument))]
[JsonSerializable(typeof(DeleteDocument))]
[JsonSerializable(typeof(WatchDocument))]
[JsonSerializable(typeof(ActionListDocument))]
[JsonSerializable(typeof(ActionShowDocument))]
[JsonSerializable(typeof(CancelDocument))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
