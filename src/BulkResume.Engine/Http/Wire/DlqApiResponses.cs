using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace BulkResume.Engine.Http.Wire;

/// <summary>Builds JSON responses.</summary>
internal static class DlqApiResponses
{
    public static DlqApiResponse Json<T>(int status, T body, JsonTypeInfo<T> typeInfo, IReadOnlyDictionary<string, string>? headers = null) =>
        new(status, JsonSerializer.SerializeToUtf8Bytes(body, typeInfo), headers);

    /// <summary>200 with no body.</summary>
    public static DlqApiResponse Ok() => new(200, ReadOnlyMemory<byte>.Empty);

    public static DlqApiResponse Error(int status, string message, IReadOnlyDictionary<string, string>? headers = null) =>
        Json(status, new ErrorBody { Error = message }, DlqApiJsonContext.Default.ErrorBody, headers);
}
