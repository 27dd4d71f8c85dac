namespace BulkResume.Engine.Resume;

/// <summary>What one bulk-resume call did.</summary>
/// <param name="ResumedRuns">The runs resumed by this call, in DLQ order (or in the order of the ids given).</param>
/// <param name="Cursor">Where the next call continues, or <see langword="null"/> when every matching entry has been processed.</param>
public sealed record BulkResumeResult(IReadOnlyList<ResumedRunResult> ResumedRuns, string? Cursor);
