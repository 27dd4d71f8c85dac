using BulkResume.Engine.Resume;

namespace BulkResume.Engine;

/// <summary>
/// Settings that replace the original run's for the resumed or restarted runs, one per override header of the API; each
/// left <see langword="null"/> keeps the original's.
/// </summary>
/// <remarks><see cref="DlqEngine"/> checks them (see <see cref="ResumeOverrideRules"/>).</remarks>
internal sealed class ResumeOverrides
{
    /// <summary>No overrides: every resumed run keeps its original settings.</summary>
    public static ResumeOverrides None { get; } = new();

    /// <summary>The new flow-control key (<c>Upstash-Flow-Control-Key</c>); given with <see cref="Parallelism"/> or <see cref="Rate"/>.</summary>
    public string? FlowControlKey { get; init; }

    /// <summary>The new flow-control parallelism (<c>Upstash-Flow-Control-Value: parallelism=</c>); at least 1.</summary>
    public int? Parallelism { get; init; }

    /// <summary>The new flow-control rate (<c>rate=</c>); at least 1.</summary>
    public int? Rate { get; init; }

    /// <summary>The new window of <see cref="Rate"/> (<c>period=</c>); whole seconds, at least one.</summary>
    public TimeSpan? Period { get; init; }

    /// <summary>The new retry count of the resumed steps (<c>Upstash-Retries</c>); 0 or more.</summary>
    public int? Retries { get; init; }

    /// <summary>How long the new run waits before its next step (<c>Upstash-Delay</c>); whole seconds, 0 or more.</summary>
    public TimeSpan? Delay { get; init; }

    /// <summary>The new retry-delay expression (<c>Upstash-Retry-Delay</c>), such as <c>pow(2, retried) * 1000</c>.</summary>
    public string? RetryDelay { get; init; }

    /// <summary>The new run's labels, replacing the original's (<c>Upstash-Label</c>); at least one, none blank or with a comma.</summary>
    public IReadOnlyList<string>? Labels { get; init; }

    /// <summary>The new run's failure callback URL, replacing the original's (<c>Upstash-Failure-Callback</c>); absolute http or https.</summary>
    public string? FailureCallback { get; init; }
}
