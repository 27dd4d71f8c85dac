namespace BulkResume.Cli.Output.Json;

/// <summary>The <c>--json</c> output of <c>list</c> and of a <c>--dry-run</c>: how many entries match and the first of them.</summary>
internal sealed record SelectionDocument(string Target, string Command, string Filter, bool DryRun, long Count, bool Truncated, IReadOnlyList<EntryDocument> Entries);
