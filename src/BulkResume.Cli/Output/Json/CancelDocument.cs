using BulkResume.Cli.Operations;

namespace BulkResume.Cli.Output.Json;

/// <summary>The <c>--json</c> output of <c>runs cancel</c>: how many runs the service cancelled, and whether it may have cancelled more (an answer was lost and its retry found them gone).</summary>
/// <remarks>By ids, when a request's outcome is unknown, <c>status</c> is <c>partial</c> and <c>cancelled</c> counts the requests answered; running the same command again is safe.</remarks>
internal sealed record CancelDocument(string Target, string Command, string Filter, RunStatus Status, long? Cancelled, bool MayHaveCancelledMore, string? Error);
