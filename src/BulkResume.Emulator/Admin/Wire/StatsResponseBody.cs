namespace BulkResume.Emulator.Admin.Wire;

/// <summary><c>GET /_emulator/stats</c>: counted from the store, so right after a restart on the same file.</summary>
internal sealed class StatsResponseBody
{
    public long Dlq { get; init; }

    public long Resumed { get; init; }

    public long Restarted { get; init; }

    public required Dictionary<string, long> Runs { get; init; }
}
