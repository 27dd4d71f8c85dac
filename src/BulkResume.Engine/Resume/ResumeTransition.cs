using BulkResume.Engine.Model;

namespace BulkResume.Engine.Resume;

/// <summary>What resuming a DLQ entry makes: the rule the seed describes, as one pure function.</summary>
internal static class ResumeTransition
{
    /// <summary>
    /// A new run that keeps the failed run's successful steps up to its first unsuccessful one (the failed and pending
    /// steps run again), configured by <paramref name="overrides"/> where given and by the entry otherwise.
    /// </summary>
    public static WorkflowRun Resume(DlqEntry entry, ResumeOverrides overrides, string workflowRunId, DateTimeOffset now) => new()
    {
        WorkflowRunId = workflowRunId,
        WorkflowUrl = entry.WorkflowUrl,
        State = RunState.RunStarted,
        CreatedAt = now,
        Steps = entry.Steps.TakeWhile(step => step.State == StepState.StepSuccess).ToArray(),
        Configuration = new WorkflowRunConfiguration
        {
            FlowControlKey = overrides.FlowControlKey ?? entry.FlowControlKey,
            Parallelism = overrides.Parallelism ?? entry.Parallelism,
            Rate = overrides.Rate ?? entry.Rate,
            Period = overrides.Period ?? entry.Period,
            Retries = overrides.Retries ?? entry.MaxRetries,
        },
        Origin = WorkflowRunOrigin.Resumed,
        SourceDlqId = entry.DlqId,
    };
}
