using System.Text.Encodings.Web;
using System.Text.Json;

namespace BulkResume.Benchmarks.Summary;

/// <summary>How measure.json and summary.json are written: indented, and readable (<c>&lt;=</c>, not <c>\u003C=</c>).</summary>
internal static class ReportJson
{
    public static JsonSerializerOptions Options { get; } = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
