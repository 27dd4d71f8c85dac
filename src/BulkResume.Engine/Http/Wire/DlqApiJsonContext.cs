using System.Text.Json.Serialization;

namespace BulkResume.Engine.Http.Wire;

/// <summary>Source-generated JSON for every body the API writes (no reflection, AOT-safe).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(BulkResumeResponseBody))]
[JsonSerializable(typeof(ResumedRunBody))]
[JsonSerializable(typeof(DlqMessageBody))]
[JsonSerializable(typeof(DlqMessagesResponseBody))]
[JsonSerializable(typeof(BulkDeleteResponseBody))]
[JsonSerializable(typeof(RunLogsResponseBody))]
[JsonSerializable(typeof(CancelRunsResponseBody))]
[JsonSerializable(typeof(BulkActionCreatedBody))]
[JsonSerializable(typeof(BulkActionBody))]
[JsonSerializable(typeof(BulkActionsResponseBody))]
[JsonSerializable(typeof(SigningKeysBody))]
internal sealed partial class DlqApiJsonContext : JsonSerializerContext;
