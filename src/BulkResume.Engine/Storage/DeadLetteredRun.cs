namespace BulkResume.Engine.Storage;

/// <summary>
/// The failed run a DLQ entry stands for, as dead-lettering records it and as it stays while the entry is in the DLQ
/// (<see cref="DlqStoreWrites"/>).
/// </summary>
internal static class DeadLetteredRun
{
    /// <summary>The failed run of <paramref name="entry"/>, keeping the origin of the run it updates, if any.</summary>
    /// <param name="entry">The entry being dead-lettered.</param>
    /// <param name="existing">The run already stored under the entry's run id, or <see langword="null"/>.</param>
    /// <returns>The run to store in place of <paramref name="existing"/>.</returns>
    public static RunRecord Of(DlqEntry entry, RunRecord? existing)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new()
        {
            WorkflowRunId = entry.WorkflowRunId,
            WorkflowUrl = entry.WorkflowUrl,
            State = RunState.Failed,
            CreatedAt = entry.WorkflowCreatedAt,
            CompletedAt = entry.CreatedAt,
            Steps = entry.Steps,
            Configuration = WorkflowRunConfiguration.Of(entry.FlowControlKey, entry.Parallelism, entry.Rate, entry.Period, entry.MaxRetries, entry.RetryDelay),
            Labels = entry.Labels,
            CallerIp = entry.CallerIp,
            FailureFunction = RunFailureFunction.Of(entry),
            DlqId = entry.DlqId,
            Origin = existing?.Origin ?? WorkflowRunOrigin.Triggered,
            SourceDlqId = existing?.SourceDlqId,
            Delivered = entry.Delivered,
        };
    }
}
