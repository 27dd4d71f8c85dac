namespace BulkResume.Engine.Delivery;

/// <summary>
/// What a resumed or restarted delivered run starts from: the failed run's history up to its last kept step (resume) or
/// the initial payload alone (restart), every element under a new message id, and the kept steps renamed to match.
/// </summary>
/// <remarks>
/// The history is kept as a prefix in append order, so whatever the SDK published between two kept steps (a parallel
/// group's plans) stays where it was. Forwarded and failure-callback headers carry over.
/// </remarks>
internal static class DeliveredResume
{
    /// <summary>The new run's history and its steps, from <paramref name="entry"/> and the steps it keeps (its initial step first).</summary>
    public static (DeliveredRun Delivered, IReadOnlyList<StepRecord> Steps) Of(DlqEntry entry, DeliveredRun delivered, IReadOnlyList<StepRecord> kept)
    {
        int length = 1;
        foreach (StepRecord step in kept)
        {
            for (int i = length; i < delivered.History.Count; i++)
            {
                if (string.Equals(delivered.History[i].MessageId, step.MessageId, StringComparison.Ordinal))
                {
                    length = i + 1;
                    break;
                }
            }
        }

        var renamed = new Dictionary<string, string>(StringComparer.Ordinal);
        var history = new RawStep[length];
        for (int i = 0; i < length; i++)
        {
            RawStep element = delivered.History[i];
            history[i] = element with { MessageId = renamed[element.MessageId] = MessageIds.New() };
        }

        // A restart keeps no step but the initial one, which the logs show as the run's payload.
        IReadOnlyList<StepRecord> steps = kept.Count > 0 ? kept : entry.Steps.Take(1).Where(step => step.StepType == StepType.Initial).ToArray();
        StepRecord[] renamedSteps = steps
            .Select(step => step.MessageId is { } id && renamed.TryGetValue(id, out string? now) ? step with { MessageId = now } : step)
            .ToArray();
        return (delivered with { History = history }, renamedSteps);
    }
}
