namespace BulkResume.Engine.Resume;

/// <summary>What resuming or restarting a DLQ entry makes: the two rules of the contract, as pure functions.</summary>
internal static class ResumeTransition
{
    /// <summary>
    /// A new run that keeps the failed run's successful steps up to its first unsuccessful one (the failed and pending
    /// steps run again), configured by <paramref name="overrides"/> where given and by the entry otherwise.
    /// </summary>
    /// <remarks>
    /// The kept steps are carried as recorded: each keeps the retries it ran with, the entry's when it recorded none,
    /// not the new run's.
    /// </remarks>
    public static RunRecord Resume(DlqEntry entry, ResumeOverrides overrides, string workflowRunId, DateTimeOffset now) =>
        NewRun(entry, overrides, workflowRunId, now, WorkflowRunOrigin.Resumed, entry.Steps
            .TakeWhile(step => step.State == StepState.Success)
            .Select(step => step.Retries is null && step.StepType != StepType.Initial ? step with { Retries = entry.MaxRetries } : step)
            .ToArray());

    /// <summary>
    /// A new run that discards every step result and starts over from the original payload (it has no steps yet),
    /// configured like <see cref="Resume"/>.
    /// </summary>
    public static RunRecord Restart(DlqEntry entry, ResumeOverrides overrides, string workflowRunId, DateTimeOffset now) =>
        NewRun(entry, overrides, workflowRunId, now, WorkflowRunOrigin.Restarted, steps: []);

    /// <summary>The run, built once (not copied with other steps afterwards: this runs for every entry a page takes).</summary>
    private static RunRecord NewRun(
        DlqEntry entry, ResumeOverrides overrides, string workflowRunId, DateTimeOffset now, WorkflowRunOrigin origin, IReadOnlyList<StepRecord> steps) => new()
    {
        WorkflowRunId = workflowRunId,
        WorkflowUrl = entry.WorkflowUrl,
        State = RunState.Started,
        CreatedAt = now,
        Configuration = new WorkflowRunConfiguration
        {
            FlowControlKey = overrides.FlowControlKey ?? entry.FlowControlKey,
            Parallelism = overrides.Parallelism ?? entry.Parallelism,
            Rate = overrides.Rate ?? entry.Rate,
            Period = overrides.Period ?? entry.Period,
            Retries = overrides.Retries ?? entry.MaxRetries,
            Delay = overrides.Delay,
            RetryDelay = overrides.RetryDelay ?? entry.RetryDelay,
        },
        Labels = overrides.Labels ?? entry.Labels,
        CallerIp = entry.CallerIp,
        FailureFunction = (overrides.FailureCallback ?? entry.FailureCallback) is { } callback ? new RunFailureFunction { Url = callback } : null,
        Steps = steps,
        Origin = origin,
        SourceDlqId = entry.DlqId,
    };
}

/// <summary>What a DLQ entry becomes when it leaves the DLQ as a new run: <see cref="ResumeTransition.Resume"/> or <see cref="ResumeTransition.Restart"/>.</summary>
internal delegate RunRecord NewRunRule(DlqEntry entry, ResumeOverrides overrides, string workflowRunId, DateTimeOffset now);
