namespace BulkResume;

/// <summary>The state of a workflow step (<see cref="WorkflowStep.State"/>).</summary>
public enum WorkflowStepState
{
    /// <summary>The step succeeded; a resumed run keeps its result (<c>STEP_SUCCESS</c>).</summary>
    Succeeded,

    /// <summary>The step is being retried (<c>STEP_RETRY</c>).</summary>
    Retrying,

    /// <summary>The step failed (<c>STEP_FAILED</c>).</summary>
    Failed,

    /// <summary>The step is in progress (<c>STEP_PROGRESS</c>).</summary>
    InProgress,

    /// <summary>The step was canceled (<c>STEP_CANCELED</c>).</summary>
    Canceled,
}
