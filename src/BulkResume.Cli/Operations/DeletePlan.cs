using BulkResume.Cli.Arguments;

namespace BulkResume.Cli.Operations;

/// <summary>A checked delete: what to delete, how many requests at once (null: one), and how carefully.</summary>
internal sealed record DeletePlan(Selection Selection, int? Concurrency, BulkFlags Flags);
