using System.Text;
using BulkResume.Engine.Http;

namespace BulkResume.Emulator.Hosting;

/// <summary>The emulator's own answers beside the API and the console: its health, a 405 that says what is allowed, and a 404 that says what is there.</summary>
internal static class EmulatorResponses
{
    /// <summary><c>GET /health</c>: the emulator serves; no token needed, never faulted.</summary>
    public static DlqApiResponse Health { get; } = Json("""{"status":"healthy"}""");

    /// <summary>A 405 with the <c>Allow</c> header RFC 9110 requires: the methods the path does answer.</summary>
    public static DlqApiResponse MethodNotAllowed(string message, string allow) =>
        new(405, DlqApiResponse.Error(405, message).Body, new Dictionary<string, string> { ["Allow"] = allow });

    /// <summary>A path that is neither the API's nor the emulator's own: says where each of them is.</summary>
    public static DlqApiResponse NotFound(string path) =>
        DlqApiResponse.Error(404, $"Not found: {path}. The emulator serves the API under /v2/ (such as /v2/workflows/dlq), its console at /, /health, and its admin API at /_emulator.");

    private static DlqApiResponse Json(string body) => new(200, Encoding.UTF8.GetBytes(body));
}
