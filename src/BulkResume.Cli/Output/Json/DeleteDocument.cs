using BulkResume.Cli.Operations;

namespace BulkResume.Cli.Output.Json;

/// <summary>The <c>--json</c> output of <c>delete</c>; <c>continueWith</c> is the command that deletes the rest when it did not finish.</summary>
internal sealed record DeleteDocument(string Target, string Command, string Filter, RunStatus Status, long Deleted, string? ContinueWith, string? Error);
