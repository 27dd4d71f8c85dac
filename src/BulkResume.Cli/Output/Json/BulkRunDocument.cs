using BulkResume.Cli.Operations;

namespace BulkResume.Cli.Output.Json;

/// <summary>The <c>--json</c> output of <c>resume</c> and <c>restart</c>.</summary>
/// <remarks>
/// When the run did not finish, <c>cursor</c> is set and <c>continueWith</c> is the command that continues it;
/// <c>remaining</c> is known by ids, or when the selection was counted first. By ids, <c>missing</c> counts the ids
/// skipped as not in the DLQ, and <c>remainingIdsFile</c> is the file of the ids left when they were too many to name
/// in the command.
/// </remarks>
internal sealed record BulkRunDocument(
    string Target,
    string Command,
    string Filter,
    RunStatus Status,
    int Processed,
    long? Remaining,
    int? Missing,
    string? Cursor,
    string? ContinueWith,
    string? RemainingIdsFile,
    string? Error,
    IReadOnlyList<RunDocument> Runs);
