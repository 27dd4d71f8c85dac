using BulkResume.Emulator.Admin.Wire;
using BulkResume.Engine.Model;
using BulkResume.Engine.Testing;

namespace BulkResume.Emulator.Admin;

/// <summary>Turns a seed request into DLQ entries: the short form through the domain builder, the full form field by field.</summary>
internal sealed class SeedBuilder(TimeProvider timeProvider)
{
    private const int MaxSeed = 100_000;
    private const string DefaultWorkflowUrl = "https://example.com/api/workflow";

    public IReadOnlyList<DlqEntry> Build(SeedRequestBody seed)
    {
        if (seed.Entries is { } entries)
        {
            return entries.Select((entry, index) => Entry(entry, index)).ToArray();
        }

        int count = seed.Count ?? throw new AdminRequestException("count is required (1 to 100000), or send entries for the full form.");
        if (count is < 1 or > MaxSeed)
        {
            throw new AdminRequestException($"count must be between 1 and {MaxSeed}; got {count}.");
        }

        int completed = seed.CompletedSteps ?? 1;
        if (completed < 0)
        {
            throw new AdminRequestException("completedSteps must be 0 or more.");
        }

        DateTimeOffset failedAt = seed.FailedAt is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : timeProvider.GetUtcNow();
        string url = seed.WorkflowUrl ?? DefaultWorkflowUrl;
        return FailedRuns.Many(count, i =>
        {
            FailedRun run = FailedRun.For(url).FailedAt(failedAt.AddMilliseconds(i)).FailedAtStep(completed + 1, of: completed + 2);
            run = seed.Labels is { Count: > 0 } labels ? run.WithLabels([.. labels]) : run;
            return seed.FlowControlKey is { } key ? run.WithFlowControlKey(key) : run;
        });
    }

    private DlqEntry Entry(SeedEntryBody body, int index)
    {
        string url = body.WorkflowUrl ?? throw new AdminRequestException($"entries[{index}].workflowUrl is required.");
        DateTimeOffset failedAt = body.CreatedAt is { } created ? DateTimeOffset.FromUnixTimeMilliseconds(created) : timeProvider.GetUtcNow();
        FailedRun builder = FailedRun.For(url).FailedAt(failedAt);
        builder = body.DlqId is { } dlqId ? builder.WithDlqId(dlqId) : builder;
        builder = body.WorkflowRunId is { } runId ? builder.WithRunId(runId) : builder;
        DlqEntry entry = builder.Build();
        return entry with
        {
            WorkflowCreatedAt = body.WorkflowCreatedAt is { } runCreated ? DateTimeOffset.FromUnixTimeMilliseconds(runCreated) : entry.WorkflowCreatedAt,
            Url = body.Url ?? entry.Url,
            Method = body.Method ?? entry.Method,
            Header = body.Header?.ToDictionary(pair => pair.Key, pair => (IReadOnlyList<string>)pair.Value, StringComparer.OrdinalIgnoreCase) ?? entry.Header,
            Body = body.Body ?? entry.Body,
            MaxRetries = body.MaxRetries ?? entry.MaxRetries,
            CallerIp = body.CallerIp ?? entry.CallerIp,
            Labels = body.Labels ?? entry.Labels,
            FlowControlKey = body.FlowControlKey ?? entry.FlowControlKey,
            Parallelism = body.Parallelism ?? entry.Parallelism,
            Rate = body.Rate ?? entry.Rate,
            Period = body.Period is { } seconds ? TimeSpan.FromSeconds(seconds) : entry.Period,
            ResponseStatus = body.ResponseStatus ?? entry.ResponseStatus,
            ResponseBody = body.ResponseBody ?? entry.ResponseBody,
            FailureCallback = body.FailureCallback ?? entry.FailureCallback,
            FailureCallbackInfo = body.FailureCallbackState is { } state
                ? new FailureCallbackRecord { State = WireNames.ParseFailureCallbackState($"entries[{index}].failureCallbackState", state) }
                : entry.FailureCallbackInfo,
            Steps = body.Steps is { } steps ? steps.Select((step, i) => Step(step, index, i, failedAt)).ToArray() : entry.Steps,
        };
    }

    private static StepRecord Step(SeedStepBody step, int entry, int index, DateTimeOffset at) => new()
    {
        StepId = index + 1,
        StepName = step.StepName ?? throw new AdminRequestException($"entries[{entry}].steps[{index}].stepName is required."),
        StepType = Parse<StepType>(step.StepType ?? "Run", WireNames.Of, $"entries[{entry}].steps[{index}].stepType"),
        Out = step.Out,
        State = Parse<StepState>(step.State ?? "STEP_SUCCESS", WireNames.Of, $"entries[{entry}].steps[{index}].state"),
        CreatedAt = at,
    };

    private static T Parse<T>(string text, Func<T, string> name, string field)
        where T : struct, Enum
    {
        foreach (T value in Enum.GetValues<T>())
        {
            if (name(value) == text)
            {
                return value;
            }
        }

        throw new AdminRequestException($"{field} must be one of {string.Join(", ", Enum.GetValues<T>().Select(name))}; got '{text}'.");
    }
}
