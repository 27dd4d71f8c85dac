using System.Text.Json.Serialization;
using BulkResume.Engine.Model;

namespace BulkResume.Engine.PostgreSql;

/// <summary>How entries and runs are stored as JSON: source-generated, enums by name, nulls left out.</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DlqEntry))]
[JsonSerializable(typeof(WorkflowRun))]
[JsonSerializable(typeof(string[]))]
internal sealed partial class StoreJsonContext : JsonSerializerContext;
