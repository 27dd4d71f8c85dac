namespace BulkResume.Cli.Output.Json;

/// <summary>The <c>--json</c> output of <c>actions list</c>: how many actions the service keeps (in <c>state</c>, when given) and the first of them.</summary>
internal sealed record ActionListDocument(string Target, string? State, long Count, bool Truncated, IReadOnlyList<ActionDocument> Actions);
