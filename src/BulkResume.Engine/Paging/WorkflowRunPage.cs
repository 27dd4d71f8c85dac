using BulkResume.Engine.Model;

namespace BulkResume.Engine.Paging;

/// <summary>One page of run logs.</summary>
/// <param name="Runs">The runs of this page, ordered by run id (ordinal), each with its steps.</param>
/// <param name="Cursor">Where the next page starts, or <see langword="null"/> when no matching run remains.</param>
public sealed record WorkflowRunPage(IReadOnlyList<WorkflowRun> Runs, string? Cursor);
