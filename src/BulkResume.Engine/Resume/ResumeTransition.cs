using BulkResume.Engine.Model;

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
        NewRun(entry, overrides, workflowRunId, now, WorkflowRunOrigin.Resumed, KeptSteps(entry));

    /// <summary>
    /// The successful steps up to the first unsuccessful one, in one array the run holds as it is (a loop, not LINQ: this
    /// runs for every entry a page takes).
    /// </summary>
    private static IReadOnlyList<StepRecord> KeptSteps(DlqEntry entry)
    {
        IReadOnlyList<StepRecord> steps = entry.Steps;
        int kept = 0;
        while (kept < steps.Count && steps[kept].State == StepState.Success)
        {
            kept++;
        }

        if (kept == 0)
        {
            return EmptyCollections.Steps;
        }

        var copy = new StepRecord[kept];
        for (int i = 0; i < kept; i++)
        {
            StepRecord step = steps[i];
            copy[i] = step.Retries is null && step.StepType != StepType.Initial ? step with { Retries = entry.MaxRetries } : step;
        }

        return new ValueList<StepRecord>(copy);
    }

    /// <summary>
    /// A new run that discards every step result and starts over from the original payload (it has no steps yet),
    /// configured like <see cref="Resume"/>.
    /// </summary>
    public static RunRecord Restart(DlqEntry entry, ResumeOverrides overrides, string workflowRunId, DateTimeOffset now) =>
        NewRun(entry, overrides, workflowRunId, now, WorkflowRunOrigin.Restarted, steps: []);

    /// <summary>The run, built once (not copied with other steps afterwards: this runs for every entry a page takes).</summary>
    /// <remarks>
    /// A delivered entry's run is delivered too: its history restarts from the kept steps under new message ids, and its
    /// first delivery is enqueued in the transaction that takes the entry (<see cref="Delivery.DeliveryPlan.First"/>).
    /// </remarks>
    private static RunRecord NewRun(
        DlqEntry entry, ResumeOverrides overrides, string workflowRunId, DateTimeOffset now, WorkflowRunOrigin origin, IReadOnlyList<StepRecord> steps)
    {
        Delivery.DeliveredRun? delivered = null;
        if (entry.Delivered is { } failed)
        {
            (delivered, steps) = Delivery.DeliveredResume.Of(entry, failed, steps);
        }

        return NewRun(entry, overrides, workflowRunId, now, origin, steps, delivered);
    }

    private static RunRecord NewRun(
        DlqEntry entry, ResumeOverrides overrides, string workflowRunId, DateTimeOffset now, WorkflowRunOrigin origin, IReadOnlyList<StepRecord> steps, Delivery.DeliveredRun? delivered) => new()
    {
        WorkflowRunId = workflowRunId,
        WorkflowUrl = entry.WorkflowUrl,
        State = RunState.Started,
        CreatedAt = now,
        Configuration = WorkflowRunConfiguration.Of(
            overrides.FlowControlKey ?? entry.FlowControlKey,
            overrides.Parallelism ?? entry.Parallelism,
            overrides.Rate ?? entry.Rate,
            overrides.Period ?? entry.Period,
            overrides.Retries ?? entry.MaxRetries,
            overrides.RetryDelay ?? entry.RetryDelay,
            overrides.Delay),
        Labels = overrides.Labels ?? entry.Labels,
        CallerIp = entry.CallerIp,
        FailureFunction = (overrides.FailureCallback ?? entry.FailureCallback) is { } callback ? new RunFailureFunction { Url = callback } : null,
        Steps = steps,
        Origin = origin,
        SourceDlqId = entry.DlqId,
        Delivered = delivered,
    };
}

/// <summary>What a DLQ entry becomes when it leaves the DLQ as a new run: <see cref="ResumeTransition.Resume"/> or <see cref="ResumeTransition.Restart"/>.</summary>
internal delegate RunRecord NewRunRule(DlqEntry entry, ResumeOverrides overrides, string workflowRunId, DateTimeOffset now);
