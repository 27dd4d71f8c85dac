using BulkResume.Cli.Operations;

namespace BulkResume.Cli.Output.Json;

/// <summary>
/// The <c>--json</c> output of <c>resume</c> and <c>restart</c>. When the run did not finish, <c>cursor</c> is set and
/// <c>continueWith</c> is the command that continues it; <c>remaining</c> is known when the selection was counted first.
/// </summary>
internal sealed record BulkRunDocument(
    string Target,
    string Command,
    string Filter,
    RunStatus Status,
    int Processed,
    long? Remaining,
    string? Cursor,
    string? ContinueWith,
    string? Error,
    IReadOnlyList<RunDocument> Runs);
