namespace BulkResume.Cli.Operations;

/// <summary>
/// What a paged bulk action did: the new runs, how it ended, and the cursor to continue from when it did not finish
/// (none when it ran concurrently). Without a cursor, <see cref="Left"/> is what the DLQ still holds of the selection,
/// read after the run; <see cref="RunsUnseen"/> says some runs were made without the client seeing them.
/// </summary>
internal sealed record BulkRunResult(RunStatus Status, IReadOnlyList<ResumedRun> Runs, string? Cursor, string? Error)
{
    public Remainder? Left { get; init; }

    public bool RunsUnseen { get; init; }
}
