namespace BulkResume.Cli.Operations;

/// <summary>What a paged bulk action did: the new runs, how it ended, and the cursor to continue from when it did not finish (none when it ran concurrently).</summary>
internal sealed record BulkRunResult(RunStatus Status, IReadOnlyList<ResumedRun> Runs, string? Cursor, string? Error);
