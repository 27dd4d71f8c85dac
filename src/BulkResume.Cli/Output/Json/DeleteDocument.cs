using BulkResume.Cli.Operations;

namespace BulkResume.Cli.Output.Json;

/// <summary>
/// The <c>--json</c> output of <c>delete</c> (<c>deleted</c> is null when a second Ctrl+C abandoned a delete by
/// criteria, whose count went with it); <c>continueWith</c> is the command that deletes the rest when it did not
/// finish.
/// </summary>
/// <remarks>
/// By ids, <c>missing</c> counts the ids skipped as not in the DLQ, and <c>remainingIdsFile</c> is the file of the ids
/// left when they were too many to name in the command.
/// </remarks>
internal sealed record DeleteDocument(
    string Target,
    string Command,
    string Filter,
    RunStatus Status,
    long? Deleted,
    int? Missing,
    string? ContinueWith,
    string? RemainingIdsFile,
    string? Error);
