namespace BulkResume.Cli.Output.Json;

/// <summary>A run created by a resume or restart.</summary>
internal sealed record RunDocument(string WorkflowRunId, DateTimeOffset WorkflowCreatedAt);
