using System.Text;
using BulkResume.Engine.Http;

namespace BulkResume.Emulator.Hosting;

/// <summary>The emulator's own answers beside the API: its health and its index.</summary>
internal static class EmulatorResponses
{
    /// <summary><c>GET /health</c>: the emulator serves; no token needed, never faulted.</summary>
    public static DlqApiResponse Health { get; } = Json("""{"status":"healthy"}""");

    /// <summary><c>/</c>: where things are.</summary>
    public static DlqApiResponse Index { get; } = Json(
        """{"service":"BulkResume emulator","api":"/v2/workflows/dlq","logs":"/v2/workflows/logs","admin":"/_emulator","health":"/health"}""");

    private static DlqApiResponse Json(string body) => new(200, Encoding.UTF8.GetBytes(body));
}
