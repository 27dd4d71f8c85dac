using System.Text;
using BulkResume.Engine.Http;

namespace BulkResume.Emulator.Hosting;

/// <summary>The emulator's own answers beside the API and the console: its health, and a 405 that says what is allowed.</summary>
internal static class EmulatorResponses
{
    /// <summary><c>GET /health</c>: the emulator serves; no token needed, never faulted.</summary>
    public static DlqApiResponse Health { get; } = Json("""{"status":"healthy"}""");

    /// <summary>A 405 with the <c>Allow</c> header RFC 9110 requires: the methods the path does answer.</summary>
    public static DlqApiResponse MethodNotAllowed(string message, string allow) =>
        new(405, DlqApiResponse.Error(405, message).Body, new Dictionary<string, string> { ["Allow"] = allow });

    private static DlqApiResponse Json(string body) => new(200, Encoding.UTF8.GetBytes(body));
}
