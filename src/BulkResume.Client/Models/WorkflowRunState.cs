namespace BulkResume;

/// <summary>The state of a workflow run (<see cref="WorkflowRun.State"/>).</summary>
public enum WorkflowRunState
{
    /// <summary>The run has started and not finished (<c>RUN_STARTED</c>).</summary>
    Started,

    /// <summary>The run finished successfully (<c>RUN_SUCCESS</c>).</summary>
    Succeeded,

    /// <summary>The run failed (<c>RUN_FAILED</c>).</summary>
    Failed,

    /// <summary>The run was canceled (<c>RUN_CANCELED</c>).</summary>
    Canceled,
}
