namespace BulkResume.Engine;

/// <summary>The flow-control and retry settings of a workflow run.</summary>
internal sealed record WorkflowRunConfiguration
{
    /// <summary>The flow-control key, or <see langword="null"/> when the run is not flow-controlled.</summary>
    public string? FlowControlKey { get; init; }

    /// <summary>How many steps of runs with this key may run at once.</summary>
    public int? Parallelism { get; init; }

    /// <summary>How many steps of runs with this key may start per <see cref="Period"/>.</summary>
    public int? Rate { get; init; }

    /// <summary>The window of <see cref="Rate"/>.</summary>
    public TimeSpan? Period { get; init; }

    /// <summary>How many times a failing step is retried.</summary>
    public int Retries { get; init; }

    /// <summary>How long the run waits before its next step (<c>Upstash-Delay</c>), or <see langword="null"/> for no wait.</summary>
    public TimeSpan? Delay { get; init; }

    /// <summary>
    /// The expression of the wait between a failing step's attempts, in milliseconds of the variable <c>retried</c>
    /// (<c>Upstash-Retry-Delay</c>), or <see langword="null"/> for retries one after another.
    /// </summary>
    public string? RetryDelay { get; init; }

    /// <summary>Shared configurations with retries only (0 to 15): most failed runs have one, and a record is immutable.</summary>
    private static readonly WorkflowRunConfiguration[] RetriesOnly =
        Enumerable.Range(0, 16).Select(retries => new WorkflowRunConfiguration { Retries = retries }).ToArray();

    /// <summary>The configuration of nothing set (no retries), shared: a run starts with it until its own is given.</summary>
    internal static WorkflowRunConfiguration None => RetriesOnly[0];

    /// <summary>A configuration with these values; a shared instance when only <paramref name="retries"/> is set.</summary>
    internal static WorkflowRunConfiguration Of(
        string? flowControlKey, int? parallelism, int? rate, TimeSpan? period, int retries, string? retryDelay, TimeSpan? delay = null) =>
        flowControlKey is null && parallelism is null && rate is null && period is null && retryDelay is null && delay is null && retries is >= 0 and < 16
            ? RetriesOnly[retries]
            : new WorkflowRunConfiguration
            {
                FlowControlKey = flowControlKey, Parallelism = parallelism, Rate = rate, Period = period, Retries = retries, Delay = delay, RetryDelay = retryDelay,
            };
}
