using BulkResume.Engine.Model;

namespace BulkResume.Engine.Resume;

/// <summary>What a DLQ entry becomes when it leaves the DLQ as a new run: <see cref="ResumeTransition.Resume"/> or <see cref="ResumeTransition.Restart"/>.</summary>
internal delegate RunRecord NewRunRule(DlqEntry entry, ResumeOverrides overrides, string workflowRunId, DateTimeOffset now);
