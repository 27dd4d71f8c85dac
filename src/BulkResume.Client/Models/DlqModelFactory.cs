namespace BulkResume;

/// <summary>Builds the SDK's response models, for tests of code that consumes them (for example with a mocked <see cref="DlqClient"/>).</summary>
public static class DlqModelFactory
{
    /// <summary>Creates a <see cref="ResumedRun"/>.</summary>
    /// <param name="workflowRunId">The new run's id.</param>
    /// <param name="workflowCreatedAt">When the new run was created.</param>
    /// <returns>The model.</returns>
    public static ResumedRun ResumedRun(string workflowRunId, DateTimeOffset workflowCreatedAt)
    {
        ArgumentNullException.ThrowIfNull(workflowRunId);
        return new ResumedRun(workflowRunId, workflowCreatedAt);
    }
}
