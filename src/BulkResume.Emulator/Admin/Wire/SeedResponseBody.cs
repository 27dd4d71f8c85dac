namespace BulkResume.Emulator.Admin.Wire;

/// <summary>The answer to a seed: the new entries' ids, in order.</summary>
internal sealed class SeedResponseBody
{
    public required List<string> DlqIds { get; init; }
}
