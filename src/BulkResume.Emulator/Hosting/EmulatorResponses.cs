using System.Text;
using BulkResume.Engine.Http;

namespace BulkResume.Emulator.Hosting;

/// <summary>The emulator's own answer beside the API and the console: its health.</summary>
internal static class EmulatorResponses
{
    /// <summary><c>GET /health</c>: the emulator serves; no token needed, never faulted.</summary>
    public static DlqApiResponse Health { get; } = Json("""{"status":"healthy"}""");

    private static DlqApiResponse Json(string body) => new(200, Encoding.UTF8.GetBytes(body));
}
