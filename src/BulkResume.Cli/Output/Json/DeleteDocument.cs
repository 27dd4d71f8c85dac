using BulkResume.Cli.Operations;

namespace BulkResume.Cli.Output.Json;

/// <summary>The <c>--json</c> output of <c>delete</c>.</summary>
internal sealed record DeleteDocument(string Target, string Command, string Filter, RunStatus Status, long Deleted, string? Error);
