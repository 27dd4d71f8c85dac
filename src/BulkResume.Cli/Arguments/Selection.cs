namespace BulkResume.Cli.Arguments;

/// <summary>A filter and how to show it to the operator: in the flags that made it, times in ISO 8601 with their offset.</summary>
internal sealed record Selection(ResumeFilter Filter, string Description);
