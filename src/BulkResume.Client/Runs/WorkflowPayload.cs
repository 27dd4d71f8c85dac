using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace BulkResume;

/// <summary>
/// The bytes sent to a workflow as its initial payload (<see cref="WorkflowTriggerRequest.Body"/>) or to its waiters as
/// an event's data (<see cref="RunsClient.NotifyAsync"/>), with their <c>Content-Type</c>.
/// </summary>
/// <remarks>
/// Build one from text, from bytes, or from a value serialized as JSON. The bytes are taken (or serialized) once, when
/// the payload is made, so every attempt of a request sends exactly the same bytes.
/// </remarks>
public sealed class WorkflowPayload
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private WorkflowPayload(ReadOnlyMemory<byte> content, string contentType)
    {
        Content = content;
        ContentType = contentType;
    }

    /// <summary>Gets the bytes sent.</summary>
    public ReadOnlyMemory<byte> Content { get; }

    /// <summary>Gets the <c>Content-Type</c> sent with the bytes, which the workflow endpoint receives.</summary>
    public string ContentType { get; }

    /// <summary>Text, sent UTF-8 encoded as it is.</summary>
    /// <param name="text">The text; may be empty.</param>
    /// <param name="contentType">Its media type: <c>text/plain; charset=utf-8</c> unless given, for example <c>application/json</c> for JSON text you wrote yourself.</param>
    /// <returns>The payload.</returns>
    /// <exception cref="ArgumentException"><paramref name="contentType"/> is not a media type.</exception>
    public static WorkflowPayload FromString(string text, string contentType = "text/plain; charset=utf-8")
    {
        ArgumentNullException.ThrowIfNull(text);
        return new WorkflowPayload(Encoding.UTF8.GetBytes(text), EnsureMediaType(contentType));
    }

    /// <summary>Bytes, sent as they are.</summary>
    /// <param name="bytes">The bytes, copied now; may be empty.</param>
    /// <param name="contentType">Their media type: <c>application/octet-stream</c> unless given.</param>
    /// <returns>The payload.</returns>
    /// <exception cref="ArgumentException"><paramref name="contentType"/> is not a media type.</exception>
    public static WorkflowPayload FromBytes(ReadOnlySpan<byte> bytes, string contentType = "application/octet-stream") =>
        new(bytes.ToArray(), EnsureMediaType(contentType));

    /// <summary>A value serialized as JSON with source-generated (trimming and AOT safe) metadata, sent as <c>application/json</c>.</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="value">The value.</param>
    /// <param name="jsonTypeInfo">Its metadata, for example <c>MyJsonContext.Default.Order</c>.</param>
    /// <returns>The payload.</returns>
    public static WorkflowPayload FromJson<T>(T value, JsonTypeInfo<T> jsonTypeInfo)
    {
        ArgumentNullException.ThrowIfNull(jsonTypeInfo);
        return new WorkflowPayload(JsonSerializer.SerializeToUtf8Bytes(value, jsonTypeInfo), "application/json");
    }

    /// <summary>A JSON document, sent as <c>application/json</c> in its compact form.</summary>
    /// <param name="json">The document, for example from <c>JsonDocument.Parse</c> or <c>JsonSerializer.SerializeToElement</c>.</param>
    /// <returns>The payload.</returns>
    /// <exception cref="ArgumentException"><paramref name="json"/> is a <c>default</c> element, which holds no value.</exception>
    public static WorkflowPayload FromJson(JsonElement json)
    {
        if (json.ValueKind == JsonValueKind.Undefined)
        {
            throw new ArgumentException("The JSON element is a default JsonElement, which holds no value. Pass an element of a parsed document.", nameof(json));
        }

        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            json.WriteTo(writer);
        }

        return new WorkflowPayload(buffer.WrittenMemory, "application/json");
    }

    /// <summary>The content type, and the size in bytes (never the bytes: a payload may hold secrets).</summary>
    /// <returns>For example <c>application/json, 42 bytes</c>.</returns>
    public override string ToString() => $"{ContentType}, {Content.Length} bytes";

    /// <summary>The bytes as UTF-8 text, or null when they are not valid UTF-8.</summary>
    internal string? TryGetText()
    {
        try
        {
            return StrictUtf8.GetString(Content.Span);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static string EnsureMediaType(string contentType)
    {
        ArgumentNullException.ThrowIfNull(contentType);
        if (!System.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out _))
        {
            throw new ArgumentException(
                $"'{contentType}' is not a media type. Pass one such as text/plain; charset=utf-8, application/json or application/octet-stream.",
                nameof(contentType));
        }

        return contentType;
    }
}
