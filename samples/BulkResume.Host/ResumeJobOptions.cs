namespace BulkResume.Host;

/// <summary>What the job resumes, from the <c>Resume</c> configuration section.</summary>
public sealed class ResumeJobOptions
{
    /// <summary>Only runs of this workflow URL.</summary>
    public string WorkflowUrl { get; set; } = string.Empty;

    /// <summary>Only runs that failed this recently.</summary>
    public TimeSpan FailedWithin { get; set; } = TimeSpan.FromHours(6);

    /// <summary>The retry count of the resumed steps; null keeps each run's own.</summary>
    public int? Retries { get; set; }
}
