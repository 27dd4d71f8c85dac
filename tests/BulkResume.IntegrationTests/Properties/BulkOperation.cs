namespace BulkResume.IntegrationTests.Properties;

/// <summary>The bulk operation a generated drain runs: each drains a selection the same way and acts on it differently.</summary>
public enum BulkOperation
{
    /// <summary><c>BulkResumeAsync</c>: each entry becomes a resumed run.</summary>
    Resume,

    /// <summary><c>BulkRestartAsync</c>: each entry becomes a restarted run.</summary>
    Restart,

    /// <summary><c>BulkDeleteAsync</c>: each entry is deleted.</summary>
    Delete,
}
