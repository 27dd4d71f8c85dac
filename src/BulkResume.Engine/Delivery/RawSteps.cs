using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace BulkResume.Engine.Delivery;

/// <summary>The body of a step delivery and of the lazy fetch: a JSON array of <see cref="RawStep"/>, as the SDK reads it.</summary>
internal static class RawSteps
{
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// <c>[{"messageId":…,"body":…,"callType":…},…]</c>, compact and escaped as <c>JSON.stringify</c> would write it, so that
    /// an endpoint that parses and re-serialises the body before checking its signature gets the signed bytes.
    /// </summary>
    public static byte[] Serialize(IEnumerable<RawStep> steps)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, Compact))
        {
            writer.WriteStartArray();
            foreach (RawStep step in steps)
            {
                writer.WriteStartObject();
                writer.WriteString("messageId", step.MessageId);
                writer.WriteString("body", step.Body);
                writer.WriteString("callType", step.CallType);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The same as text.</summary>
    public static string SerializeText(IEnumerable<RawStep> steps) => Encoding.UTF8.GetString(Serialize(steps));
}
