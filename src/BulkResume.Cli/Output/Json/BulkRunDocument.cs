using BulkResume.Cli.Operations;

namespace BulkResume.Cli.Output.Json;

/// <summary>The <c>--json</c> output of <c>resume</c> and <c>restart</c>. <c>cursor</c> is set when the run did not finish: pass it to <c>--resume-from</c>.</summary>
internal sealed record BulkRunDocument(string Command, string Filter, RunStatus Status, int Processed, string? Cursor, string? Error, IReadOnlyList<RunDocument> Runs);
