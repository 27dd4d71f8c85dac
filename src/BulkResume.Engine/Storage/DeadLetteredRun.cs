using BulkResume.Engine.Model;

namespace BulkResume.Engine.Storage;

/// <summary>The failed run a DLQ entry stands for, as <see cref="IDlqStore.AddAsync"/> records it.</summary>
internal static class DeadLetteredRun
{
    /// <summary>The failed run of <paramref name="entry"/>, keeping the origin of the run it updates, if any.</summary>
    public static WorkflowRun Of(DlqEntry entry, WorkflowRun? existing) => new()
    {
        WorkflowRunId = entry.WorkflowRunId,
        WorkflowUrl = entry.WorkflowUrl,
        State = RunState.RunFailed,
        CreatedAt = entry.WorkflowCreatedAt,
        CompletedAt = entry.CreatedAt,
        Steps = entry.Steps,
        Configuration = new WorkflowRunConfiguration
        {
            FlowControlKey = entry.FlowControlKey,
            Parallelism = entry.Parallelism,
            Rate = entry.Rate,
            Period = entry.Period,
            Retries = entry.MaxRetries,
        },
        DlqId = entry.DlqId,
        Origin = existing?.Origin ?? WorkflowRunOrigin.Triggered,
        SourceDlqId = existing?.SourceDlqId,
    };
}
