namespace BulkResume.Engine.Http.Wire;

/// <summary>
/// A group of a run's steps in the run logs (<c>GroupedSteps</c>): a step that ran alone is a <c>sequential</c> group of
/// one, steps that ran together (<c>concurrent</c> above 1) one <c>parallel</c> group, and the steps a run still going is
/// executing or about to retry the <c>next</c> group.
/// </summary>
internal sealed class StepGroupBody
{
    public required string Type { get; init; }

    public required IReadOnlyList<StepLogBody> Steps { get; init; }

    public static IReadOnlyList<StepGroupBody> Of(RunRecord run, BodyTrim trim)
    {
        IReadOnlyList<StepRecord> steps = run.Steps;
        var groups = new List<StepGroupBody>();
        int i = 0;
        while (i < steps.Count)
        {
            int end = i + 1;
            string type;
            if (run.State == RunState.Started && IsNext(steps[i]))
            {
                type = "next";
                while (end < steps.Count && IsNext(steps[end]))
                {
                    end++;
                }
            }
            else if (steps[i].Concurrent > 1)
            {
                type = "parallel";
                while (end < steps.Count && end - i < steps[i].Concurrent && steps[end].Concurrent == steps[i].Concurrent)
                {
                    end++;
                }
            }
            else
            {
                type = "sequential";
            }

            var members = new StepLogBody[end - i];
            for (int j = i; j < end; j++)
            {
                members[j - i] = StepLogBody.From(steps[j], run.Configuration, trim);
            }

            groups.Add(new StepGroupBody { Type = type, Steps = members });
            i = end;
        }

        return groups;
    }

    private static bool IsNext(StepRecord step) => step.State is StepState.Progress or StepState.Retry;
}
