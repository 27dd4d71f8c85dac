namespace BulkResume.Engine;

/// <summary>The state of one workflow step.</summary>
internal enum StepState
{
    /// <summary>The step succeeded; its output is kept when the run is resumed (wire name <c>STEP_SUCCESS</c>).</summary>
    Success,

    /// <summary>The step is being retried (wire name <c>STEP_RETRY</c>).</summary>
    Retry,

    /// <summary>The step failed (wire name <c>STEP_FAILED</c>).</summary>
    Failed,

    /// <summary>The step is in progress (wire name <c>STEP_PROGRESS</c>).</summary>
    Progress,

    /// <summary>The step was canceled (wire name <c>STEP_CANCELED</c>).</summary>
    Canceled,
}
