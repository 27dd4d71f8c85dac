namespace BulkResume.Cli.Operations;

/// <summary>
/// How a bulk delete ended and what it deleted. Without finishing, <see cref="Left"/> is what is left of the selection
/// and <see cref="ContinueIds"/> how the command that continues names the ids left.
/// </summary>
internal sealed record DeleteOutcome(RunStatus Status, long Deleted, string? Error)
{
    /// <summary>By ids: how many ids were skipped because the service said they were not in the DLQ; null by criteria.</summary>
    public int? Missing { get; init; }

    public Remainder? Left { get; init; }

    public ContinueIds? ContinueIds { get; init; }
}
