using BulkResume.Cli.Arguments;

namespace BulkResume.Cli.Operations;

/// <summary>A checked delete: what to delete and how carefully.</summary>
internal sealed record DeletePlan(Selection Selection, BulkFlags Flags);
