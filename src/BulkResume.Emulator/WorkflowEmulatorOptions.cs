using System.Net;
using BulkResume.Engine.Delivery;
using BulkResume.Engine.Storage;
using Microsoft.Extensions.Logging;

namespace BulkResume.Emulator;

/// <summary>How a <see cref="WorkflowEmulator"/> listens, authenticates and stores.</summary>
public sealed class WorkflowEmulatorOptions
{
    /// <summary>The address to bind.</summary>
    /// <value>Loopback by default: the emulator is not meant to be reachable from other machines.</value>
    public IPAddress Host { get; set; } = IPAddress.Loopback;

    /// <summary>The port; 0 picks a free one.</summary>
    /// <value>Default 0.</value>
    public int Port { get; set; }

    /// <summary>The bearer token callers must present; null generates a random one (see <see cref="WorkflowEmulator.Token"/>).</summary>
    public string? Token { get; set; }

    /// <summary>
    /// The keys deliveries to workflow endpoints are signed with, answered by <c>GET /v2/keys</c>; null to send
    /// deliveries unsigned (<c>GET /v2/keys</c> then answers 404 saying how to configure them).
    /// </summary>
    /// <remarks>
    /// <see cref="DevServer.SigningKeys"/>, with <see cref="DevServer.Token"/>, stands in for the service's local dev
    /// server: an app with <c>QSTASH_DEV=true</c> then verifies every delivery unchanged.
    /// </remarks>
    public SigningKeys? SigningKeys { get; set; }

    /// <summary>Serve without authentication.</summary>
    /// <value>Off by default; the executable asks for <c>--no-auth</c> explicitly.</value>
    public bool DisableAuthentication { get; set; }

    /// <summary>Where entries and runs live; null for a new in-memory store.</summary>
    /// <remarks>The emulator does not dispose a store it was given.</remarks>
    public IDlqStore? Store { get; set; }

    /// <summary>The clock of the engine and of injected latency and rate limits; null for the system clock.</summary>
    /// <remarks>
    /// A clock skew injected through the admin API (<see cref="WorkflowEmulator.ClockOffset"/>) runs the emulator's
    /// time ahead of or behind it.
    /// </remarks>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>
    /// Where the emulator logs: a line a request in the <c>BulkResume.Emulator.Requests</c> category (method, path, status
    /// and time; never the query or the headers, which may hold the token) and every unexpected failure with its
    /// exception in <c>BulkResume.Emulator</c>; null for nowhere.
    /// </summary>
    public ILoggerFactory? LoggerFactory { get; set; }
}
