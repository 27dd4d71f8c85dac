namespace BulkResume.Engine.Resume;

/// <summary>Settings that replace the original run's for the resumed runs; each one left <see langword="null"/> keeps the original's.</summary>
public sealed record ResumeOverrides
{
    /// <summary>No overrides: every resumed run keeps its original settings.</summary>
    public static ResumeOverrides None { get; } = new();

    /// <summary>The new flow-control key.</summary>
    public string? FlowControlKey { get; init; }

    /// <summary>The new flow-control parallelism; at least 1.</summary>
    public int? Parallelism { get; init; }

    /// <summary>The new flow-control rate; at least 1.</summary>
    public int? Rate { get; init; }

    /// <summary>The new window of <see cref="Rate"/>; positive.</summary>
    public TimeSpan? Period { get; init; }

    /// <summary>The new retry count of the resumed steps; 0 or more.</summary>
    public int? Retries { get; init; }
}
