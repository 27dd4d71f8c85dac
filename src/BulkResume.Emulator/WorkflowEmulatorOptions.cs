using System.Net;
using BulkResume.Engine.Storage;
using Microsoft.Extensions.Logging;

namespace BulkResume.Emulator;

/// <summary>How a <see cref="WorkflowEmulator"/> listens, authenticates and stores.</summary>
public sealed class WorkflowEmulatorOptions
{
    /// <summary>The address to bind. Loopback by default: the emulator is not meant to be reachable from other machines.</summary>
    public IPAddress Host { get; set; } = IPAddress.Loopback;

    /// <summary>The port; 0 (the default) picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>The bearer token callers must present; null generates a random one (see <see cref="WorkflowEmulator.Token"/>).</summary>
    public string? Token { get; set; }

    /// <summary>Serve without authentication. Off by default; the executable asks for <c>--no-auth</c> explicitly.</summary>
    public bool DisableAuthentication { get; set; }

    /// <summary>Where entries and runs live; null for a new in-memory store. The emulator does not dispose a store it was given.</summary>
    public IDlqStore? Store { get; set; }

    /// <summary>
    /// The clock of the engine and of injected latency and rate limits; null for the system clock. A clock skew injected
    /// through the admin API (<see cref="WorkflowEmulator.ClockOffset"/>) runs the emulator's time ahead of or behind it.
    /// </summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>
    /// Where the emulator logs: a line a request in the <c>BulkResume.Emulator.Requests</c> category (method, path, status
    /// and time; never the query or the headers, which may hold the token) and every unexpected failure with its
    /// exception in <c>BulkResume.Emulator</c>; null for nowhere.
    /// </summary>
    public ILoggerFactory? LoggerFactory { get; set; }
}
