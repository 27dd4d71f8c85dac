namespace BulkResume.Engine;

/// <summary>How a workflow run came to exist.</summary>
public enum WorkflowRunOrigin
{
    /// <summary>Triggered by a caller.</summary>
    Triggered,

    /// <summary>Resumed from a DLQ entry, keeping the successful steps of the failed run.</summary>
    Resumed,

    /// <summary>Restarted from a DLQ entry, discarding all step results.</summary>
    Restarted,
}
