namespace BulkResume;

/// <summary>What <see cref="WorkflowDlqHealthCheckBuilderExtensions.AddWorkflowDlq"/> checks besides reaching the service with the token.</summary>
public sealed class WorkflowDlqHealthCheckOptions
{
    /// <summary>The entries that count towards <see cref="DegradedAbove"/>.</summary>
    /// <value>Default: every entry.</value>
    public ResumeFilter Filter { get; set; } = ResumeFilter.All();

    /// <summary>
    /// Degraded when the filter selects more entries than this; null checks only that the service answers.
    /// </summary>
    /// <remarks>The check reads at most this many plus one entries.</remarks>
    public int? DegradedAbove { get; set; }
}
