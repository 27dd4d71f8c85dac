namespace BulkResume.Cli.Operations;

/// <summary>
/// What a paged bulk action did: the new runs, how it ended, and the cursor to continue from when it did not finish
/// (none when it ran concurrently).
/// </summary>
/// <remarks>
/// Without a cursor, <see cref="Left"/> is what is left of the selection, and <see cref="ContinueIds"/> how the command
/// that continues names the ids left; <see cref="RunsUnseen"/> says some runs were made without the client seeing them.
/// </remarks>
internal sealed record BulkRunResult(RunStatus Status, IReadOnlyList<ResumedRun> Runs, string? Cursor, string? Error)
{
    public Remainder? Left { get; init; }

    public ContinueIds? ContinueIds { get; init; }

    public bool RunsUnseen { get; init; }

    /// <summary>A second Ctrl+C abandoned the requests in flight: what they did is not known.</summary>
    public bool Abandoned { get; init; }

    /// <summary>
    /// A concurrent run by ids: how many ids the service confirmed, with those of pages a second Ctrl+C dropped unread;
    /// null otherwise, where the runs seen are exact.
    /// </summary>
    public int? IdsDone { get; init; }

    /// <summary>By ids: how many ids were skipped because the service said they were not in the DLQ.</summary>
    public int IdsMissing { get; init; }

    /// <summary>The entries acted on: concurrently by ids as the service confirmed them, otherwise the runs seen.</summary>
    public int Processed => IdsDone ?? Runs.Count;
}
