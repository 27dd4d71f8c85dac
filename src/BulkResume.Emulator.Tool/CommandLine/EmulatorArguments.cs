using System.Net;
using BulkResume.Engine.Delivery;

namespace BulkResume.Emulator.Tool.CommandLine;

/// <summary>The emulator's arguments once System.CommandLine has parsed and checked them.</summary>
internal sealed class EmulatorArguments
{
    public required int Port { get; init; }

    public required IPAddress Host { get; init; }

    public required string? Token { get; init; }

    public required bool NoAuth { get; init; }

    /// <summary>Whether it stands in for the local dev server: <see cref="Token"/> and <see cref="SigningKeys"/> are then its own.</summary>
    public required bool Dev { get; init; }

    /// <summary>The keys deliveries are signed with; null for unsigned deliveries.</summary>
    public required SigningKeys? SigningKeys { get; init; }

    public required string Store { get; init; }

    public required bool SeedDemo { get; init; }

    public required bool Quiet { get; init; }

    /// <summary>Whether other machines can reach the address: anything but loopback.</summary>
    public bool IsRemote => !IPAddress.IsLoopback(Host);
}
