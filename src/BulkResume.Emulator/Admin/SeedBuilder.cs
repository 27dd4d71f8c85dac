using System.Globalization;
using BulkResume.Emulator.Admin.Wire;
using BulkResume.Engine;
using BulkResume.Engine.Http;

namespace BulkResume.Emulator.Admin;

/// <summary>Turns a seed request into DLQ entries: the short form through the domain builder, the full form field by field.</summary>
internal sealed class SeedBuilder(TimeProvider timeProvider)
{
    /// <summary>The most entries one seed request makes (a larger DLQ is seeded by several requests).</summary>
    public const int MaxSeed = 10_000;

    /// <summary>The most steps a seeded run has.</summary>
    public const int MaxSteps = 100;
    private const string DefaultWorkflowUrl = "https://example.com/api/workflow";

    /// <summary>The callback URL of an entry seeded with a callback state and no URL (the engine's runs call none).</summary>
    private const string DefaultFailureCallback = "https://example.com/api/failure-callback";


    public IReadOnlyList<DlqEntry> Build(SeedRequestBody seed)
    {
        if (seed.Entries is { } entries)
        {
            if (seed.Count is not null)
            {
                throw new AdminRequestException("count and entries are two forms of a seed; send one of them.");
            }

            if (entries.Count is < 1 or > MaxSeed)
            {
                throw new AdminRequestException($"entries must hold 1 to {MaxSeed} entries; got {entries.Count}. Seed a larger DLQ with several requests.");
            }

            return entries.Select((entry, index) => Entry(entry, index)).ToArray();
        }

        int count = seed.Count ?? throw new AdminRequestException($"count is required (1 to {MaxSeed}), or send entries for the full form.");
        if (count is < 1 or > MaxSeed)
        {
            throw new AdminRequestException($"count must be from 1 to {MaxSeed}; got {count}. Seed a larger DLQ with several requests.");
        }

        int completed = seed.CompletedSteps ?? 1;
        if (completed is < 0 or > MaxSteps - 1)
        {
            throw new AdminRequestException($"completedSteps must be from 0 to {MaxSteps - 1}; got {completed}.");
        }

        // The last entry fails at failedAt and the others before it, a millisecond apart: a DLQ only holds failures of
        // the past, so a seed dated now must not hold entries that fail later than now.
        DateTimeOffset lastFailedAt = seed.FailedAt is { } ms
            ? Time("failedAt", ms, roomBefore: TimeSpan.FromMilliseconds(count - 1))
            : timeProvider.GetUtcNow();
        string url = Given(seed.WorkflowUrl, "workflowUrl") ?? DefaultWorkflowUrl;
        string? key = Given(seed.FlowControlKey, "flowControlKey");
        return FailedRuns.Many(count, i =>
        {
            FailedRun run = FailedRun.For(url).FailedAt(lastFailedAt.AddMilliseconds(i - (count - 1))).FailedAtStep(completed + 1, of: completed + 2);
            run = seed.Labels is { Count: > 0 } labels ? run.WithLabels([.. labels]) : run;
            return key is not null ? run.WithFlowControlKey(key) : run;
        });
    }

    private DlqEntry Entry(SeedEntryBody body, int index)
    {
        string url = Given(body.WorkflowUrl, $"entries[{index}].workflowUrl") ?? throw new AdminRequestException($"entries[{index}].workflowUrl is required.");
        DateTimeOffset failedAt = body.CreatedAt is { } created ? Time($"entries[{index}].createdAt", created, roomBefore: TimeSpan.Zero) : timeProvider.GetUtcNow();
        FailedRun builder = FailedRun.For(url).FailedAt(failedAt);
        builder = Given(body.DlqId, $"entries[{index}].dlqId") is { } dlqId ? builder.WithDlqId(dlqId) : builder;
        builder = Given(body.WorkflowRunId, $"entries[{index}].workflowRunId") is { } runId ? builder.WithRunId(runId) : builder;
        builder = body.FailureCallbackState is { } state
            ? builder.WithFailureCallback(body.FailureCallback ?? DefaultFailureCallback, WireNames.ParseFailureCallbackState($"entries[{index}].failureCallbackState", state))
            : builder;
        builder = body.Steps is { } steps ? WithSteps(builder, steps, index) : builder;
        builder = Given(body.FlowControlKey, $"entries[{index}].flowControlKey") is { } key
            ? builder.WithFlowControlKey(key, body.Parallelism, body.Rate, body.Period is { } seconds ? TimeSpan.FromSeconds(seconds) : null)
            : body.Parallelism is null && body.Rate is null && body.Period is null
                ? builder
                : throw new AdminRequestException($"entries[{index}].parallelism, rate and period limit a flow-control key; give entries[{index}].flowControlKey with them.");

        // A body without a status keeps the builder's status of a failed run (500).
        builder = body.ResponseStatus is { } status ? builder.WithResponseStatus(status, body.ResponseBody)
            : body.ResponseBody is { } answered ? builder.WithResponseStatus(500, answered)
            : builder;
        DlqEntry entry = builder.Build();
        return entry with
        {
            WorkflowCreatedAt = body.WorkflowCreatedAt is { } runCreated ? Time($"entries[{index}].workflowCreatedAt", runCreated, roomBefore: TimeSpan.Zero) : entry.WorkflowCreatedAt,
            Url = body.Url ?? entry.Url,
            Method = body.Method ?? entry.Method,
            Header = body.Header?.ToDictionary(pair => pair.Key, pair => (IReadOnlyList<string>)pair.Value, StringComparer.OrdinalIgnoreCase) ?? entry.Header,
            Body = body.Body ?? entry.Body,
            MaxRetries = body.MaxRetries ?? entry.MaxRetries,
            CallerIp = body.CallerIp ?? entry.CallerIp,
            Labels = body.Labels ?? entry.Labels,
            FailureCallback = body.FailureCallback ?? entry.FailureCallback,
        };
    }

    private static FailedRun WithSteps(FailedRun builder, List<SeedStepBody> steps, int entry)
    {
        if (steps.Count > MaxSteps)
        {
            throw new AdminRequestException($"entries[{entry}].steps holds {steps.Count} steps; give at most {MaxSteps}.");
        }

        for (int index = 0; index < steps.Count; index++)
        {
            SeedStepBody step = steps[index];
            try
            {
                builder = builder.WithStep(
                    step.StepName ?? throw new AdminRequestException($"entries[{entry}].steps[{index}].stepName is required."),
                    step.StepType ?? "Run",
                    step.State ?? "STEP_SUCCESS",
                    step.Out);
            }
            catch (ArgumentException exception)
            {
                throw new AdminRequestException($"entries[{entry}].steps[{index}].{exception.Message.Split(" (Parameter", 2)[0]}");
            }
        }

        return builder;
    }

    /// <summary>A value as given; a blank one is refused here because the entry builder takes none (the engine checks the rest).</summary>
    private static string? Given(string? value, string field) =>
        value is not null && string.IsNullOrWhiteSpace(value)
            ? throw new AdminRequestException($"{field} is blank; give it a value or leave it out.")
            : value;

    /// <summary>
    /// Unix milliseconds within what a date can hold (years 1 to 9999), leaving <paramref name="roomBefore"/> for the
    /// times the seed derives before it, so that an edge of the range is a 400 naming the field rather than a 500.
    /// </summary>
    private static DateTimeOffset Time(string field, long milliseconds, TimeSpan roomBefore)
    {
        long earliest = DateTimeOffset.MinValue.Add(roomBefore).ToUnixTimeMilliseconds();
        long latest = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();
        return milliseconds >= earliest && milliseconds <= latest
            ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)
            : throw new AdminRequestException(string.Create(
                CultureInfo.InvariantCulture,
                $"{field} must be a time in Unix milliseconds from {earliest} to {latest}, such as 1752829295505; got {milliseconds}."));
    }
}
