using System.Text.Json.Serialization;

namespace BulkResume.Engine.Sql;

/// <summary>How <see cref="StoredJson"/> writes entries and runs: source-generated, enums by name, nulls left out.</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DlqEntry))]
[JsonSerializable(typeof(RunRecord))]
[JsonSerializable(typeof(StepDetails))]
[JsonSerializable(typeof(string[]))]
internal sealed partial class StoredJsonContext : JsonSerializerContext;
