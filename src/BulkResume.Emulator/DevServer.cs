using BulkResume.Engine.Delivery;

namespace BulkResume.Emulator;

/// <summary>
/// The well-known credentials of the service's local development server, which the official SDK uses without being told
/// when <c>QSTASH_DEV=true</c>: an emulator that listens on <see cref="Port"/> (or the app's <c>QSTASH_DEV_PORT</c>),
/// accepts <see cref="Token"/> and signs with <see cref="SigningKeys"/> serves such an app unchanged.
/// </summary>
/// <remarks>
/// <code>
/// await using var emulator = await WorkflowEmulator.StartAsync(new WorkflowEmulatorOptions
/// {
///     Port = DevServer.Port, Token = DevServer.Token, SigningKeys = DevServer.SigningKeys,
/// });
/// </code>
/// The executable's <c>--dev</c> does the same. These values are published, so they authenticate nothing: serve them on
/// loopback only.
/// </remarks>
public static class DevServer
{
    /// <summary>The port the SDK calls when <c>QSTASH_DEV_PORT</c> is not set.</summary>
    public const int Port = 8080;

    /// <summary>The bearer token the SDK sends in dev mode (base64 of the dev server's default user and password).</summary>
    public const string Token = "eyJVc2VySUQiOiJkZWZhdWx0VXNlciIsIlBhc3N3b3JkIjoiZGVmYXVsdFBhc3N3b3JkIn0=";

    /// <summary>The keys the SDK verifies deliveries with in dev mode, and expects <c>GET /v2/keys</c> to answer.</summary>
    public static SigningKeys SigningKeys => SigningKeys.Dev;
}
