namespace BulkResume.Cli.Operations;

/// <summary>
/// How a bulk delete ended and what it deleted: null when a second Ctrl+C abandoned a delete by criteria, whose count
/// went with it.
/// </summary>
/// <remarks>
/// Without finishing, <see cref="Left"/> is what is left of the selection and <see cref="ContinueIds"/> how the command
/// that continues names the ids left.
/// </remarks>
internal sealed record DeleteOutcome(RunStatus Status, long? Deleted, string? Error)
{
    /// <summary>A second Ctrl+C abandoned the requests in flight: what they did is not known.</summary>
    public bool Abandoned { get; init; }

    /// <summary>By ids: how many ids were skipped because the service said they were not in the DLQ; null by criteria.</summary>
    public int? Missing { get; init; }

    public Remainder? Left { get; init; }

    public ContinueIds? ContinueIds { get; init; }
}
