using System.Text.Json.Serialization;

namespace BulkResume.Engine.Storage.Stored;

/// <summary>How <see cref="StoredJson"/> writes entries and runs: source-generated, enums as their <see cref="StoredNames"/> texts, nulls left out.</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters =
    [
        typeof(StoredCallbackStateConverter),
        typeof(StoredRunStateConverter),
        typeof(StoredStepStateConverter),
        typeof(StoredStepTypeConverter),
        typeof(StoredOriginConverter),
    ])]
[JsonSerializable(typeof(DlqEntry))]
[JsonSerializable(typeof(RunRecord))]
[JsonSerializable(typeof(StepDetails))]
[JsonSerializable(typeof(BulkResume.Engine.Delivery.DeliveredRun))]
internal sealed partial class StoredJsonContext : JsonSerializerContext;
