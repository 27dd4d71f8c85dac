using BulkResume.Cli.Arguments;

namespace BulkResume.Cli.Operations;

/// <summary>A checked resume or restart: what to act on, the overrides, where to start, and how carefully.</summary>
internal sealed record RunPlan(Selection Selection, ResumeOptions Options, string? ResumeFrom, BulkFlags Flags)
{
    /// <summary>Whether several requests are in flight at once, so pages carry no cursor.</summary>
    public bool Concurrent => Options.MaxConcurrency is > 1;
}
