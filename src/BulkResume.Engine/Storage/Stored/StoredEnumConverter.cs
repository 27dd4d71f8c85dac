using System.Text.Json;
using System.Text.Json.Serialization;
using BulkResume.Engine.Model;

namespace BulkResume.Engine.Storage.Stored;

/// <summary>Writes and reads an enum of the stored JSON as its <see cref="StoredNames"/> text; one sealed converter an enum below.</summary>
/// <typeparam name="T">The enum.</typeparam>
internal abstract class StoredEnumConverter<T>(StoredEnum<T> names) : JsonConverter<T>
    where T : struct, Enum
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => names.Read(ref reader);

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(names.Of(value));
}

/// <summary>The stored text of a <see cref="CallbackState"/> (registered on <see cref="StoredJsonContext"/>).</summary>
internal sealed class StoredCallbackStateConverter() : StoredEnumConverter<CallbackState>(StoredNames.CallbackState);

/// <summary>The stored text of a <see cref="RunState"/> (registered on <see cref="StoredJsonContext"/>).</summary>
internal sealed class StoredRunStateConverter() : StoredEnumConverter<RunState>(StoredNames.RunState);

/// <summary>The stored text of a <see cref="StepState"/> (registered on <see cref="StoredJsonContext"/>).</summary>
internal sealed class StoredStepStateConverter() : StoredEnumConverter<StepState>(StoredNames.StepState);

/// <summary>The stored text of a <see cref="StepType"/> (registered on <see cref="StoredJsonContext"/>).</summary>
internal sealed class StoredStepTypeConverter() : StoredEnumConverter<StepType>(StoredNames.StepType);

/// <summary>The stored text of a <see cref="WorkflowRunOrigin"/> (registered on <see cref="StoredJsonContext"/>).</summary>
internal sealed class StoredOriginConverter() : StoredEnumConverter<WorkflowRunOrigin>(StoredNames.Origin);
