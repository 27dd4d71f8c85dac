namespace BulkResume;

/// <summary>What <see cref="WorkflowDlqHealthCheckBuilderExtensions.AddWorkflowDlq"/> checks besides reaching the service with the token.</summary>
public sealed class WorkflowDlqHealthCheckOptions
{
    /// <summary>The entries that count towards <see cref="DegradedAbove"/>. Default: every entry.</summary>
    public ResumeFilter Filter { get; set; } = ResumeFilter.All();

    /// <summary>
    /// Degraded when the filter selects more entries than this; null checks only that the service answers. The check
    /// reads at most this many plus one entries.
    /// </summary>
    public int? DegradedAbove { get; set; }
}
