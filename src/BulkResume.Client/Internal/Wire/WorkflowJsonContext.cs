using System.Text.Json.Serialization;

namespace BulkResume.Internal.Wire;

/// <summary>Source-generated JSON metadata for every wire type: no reflection, trimming and AOT safe.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    Converters =
    [
        typeof(ExtensibleEnumConverter<FailureCallbackState>),
        typeof(ExtensibleEnumConverter<WorkflowRunState>),
        typeof(ExtensibleEnumConverter<WorkflowStepState>),
        typeof(ExtensibleEnumConverter<WorkflowStepType>),
        typeof(ExtensibleEnumConverter<WorkflowStepGroupKind>),
        typeof(ExtensibleEnumConverter<BulkActionKind>),
        typeof(ExtensibleEnumConverter<BulkActionState>),
    ])]
[JsonSerializable(typeof(ErrorResponseWire))]
[JsonSerializable(typeof(BulkResumeResponseWire))]
[JsonSerializable(typeof(ResumedRunWire))]
[JsonSerializable(typeof(DlqMessageWire))]
[JsonSerializable(typeof(DlqListResponseWire))]
[JsonSerializable(typeof(BulkDeleteResponseWire))]
[JsonSerializable(typeof(RunLogsResponseWire))]
[JsonSerializable(typeof(BulkActionStartedWire))]
[JsonSerializable(typeof(BulkActionWire))]
[JsonSerializable(typeof(BulkActionListResponseWire))]
[JsonSerializable(typeof(DlqIdsRequestWire))]
[JsonSerializable(typeof(BulkCancelResponseWire))]
[JsonSerializable(typeof(TriggerResponseWire))]
[JsonSerializable(typeof(List<TriggerResponseWire>))]
[JsonSerializable(typeof(List<BatchTriggerItemWire>))]
[JsonSerializable(typeof(List<WaiterWire>))]
[JsonSerializable(typeof(NotifyResponseWire))]
[JsonSerializable(typeof(List<NotifyResponseWire>))]
internal sealed partial class WorkflowJsonContext : JsonSerializerContext
{
}
