namespace BulkResume.Cli.Output.Json;

/// <summary>The <c>--json</c> output of <c>actions show</c>.</summary>
internal sealed record ActionShowDocument(string Target, ActionDocument Action);
